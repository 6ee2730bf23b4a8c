import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../../../test/harness.js";
import { PASSWORD, makeUser } from "../../../../test/factories.js";
import { anonymous } from "../../actor.js";
import { verifyPassword } from "../password.js";
import { findUserById, passwordHashOf } from "../repo.js";
import { createSession, resolveSession } from "../sessions.js";
import { issueUserToken } from "../userTokens.js";
import { changeEmail } from "./changeEmail.js";
import { PASSWORD_CHECKS_PER_15_MIN, changePassword } from "./changePassword.js";
import { logOutEverywhere } from "./logOutEverywhere.js";
import { updatePreferences } from "./updatePreferences.js";
import { updateProfile } from "./updateProfile.js";

const meta = { ip: "10.4.0.1", userAgent: "vitest" };
const NEW_PASSWORD = "another fine password";

describe("account settings commands", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  describe("updateProfile", () => {
    it("saves the display name and bio (an empty name falls back to the username)", async () => {
      const actor = await makeUser(t.ctx);
      expect(await updateProfile(t.ctx, actor, { name: "  山田 花子 ", bio: "製品 A の **ヘビーユーザー** です。" })).toEqual({ ok: true, value: { name: "山田 花子", bio: "製品 A の **ヘビーユーザー** です。" } });
      expect(await findUserById(t.ctx.db, actor.id)).toMatchObject({ name: "山田 花子", bio: "製品 A の **ヘビーユーザー** です。" });
      expect((await updateProfile(t.ctx, actor, { name: "", bio: "" })).ok).toBe(true);
      expect((await findUserById(t.ctx.db, actor.id))?.name).toBe(actor.username);
    });

    it("answers invalid for a too-long bio and keeps the old one", async () => {
      const actor = await makeUser(t.ctx);
      await updateProfile(t.ctx, actor, { name: "", bio: "before" });
      expect(await updateProfile(t.ctx, actor, { name: "", bio: "x".repeat(2001) })).toMatchObject({ ok: false, code: "invalid", fields: { bio: { key: "validation.tooLong" } } });
      expect((await findUserById(t.ctx.db, actor.id))?.bio).toBe("before");
    });

    it("answers unauthenticated for a visitor", async () => {
      expect(await updateProfile(t.ctx, anonymous, { name: "x", bio: "" })).toMatchObject({ ok: false, code: "unauthenticated" });
    });
  });

  describe("updatePreferences", () => {
    it("stores language and theme, and clears them with empty values", async () => {
      const actor = await makeUser(t.ctx);
      expect(await updatePreferences(t.ctx, actor, { locale: "ja", theme: "bbs" })).toEqual({ ok: true, value: { locale: "ja", theme: "bbs" } });
      expect(await findUserById(t.ctx.db, actor.id)).toMatchObject({ locale: "ja", theme: "bbs" });
      expect((await updatePreferences(t.ctx, actor, { locale: "", theme: null })).ok).toBe(true);
      expect(await findUserById(t.ctx.db, actor.id)).toMatchObject({ locale: null, theme: null });
    });

    it("answers invalid for an unknown language or theme", async () => {
      const actor = await makeUser(t.ctx);
      expect(await updatePreferences(t.ctx, actor, { locale: "fr", theme: "neon" })).toMatchObject({ ok: false, code: "invalid", fields: { locale: { key: "validation.choice" }, theme: { key: "validation.choice" } } });
      expect(await findUserById(t.ctx.db, actor.id)).toMatchObject({ locale: null, theme: null });
    });

    it("answers unauthenticated for a visitor", async () => {
      expect(await updatePreferences(t.ctx, anonymous, { locale: "en", theme: "" })).toMatchObject({ ok: false, code: "unauthenticated" });
    });
  });

  describe("changePassword", () => {
    it("needs the current password, then ends every other session and outstanding reset links", async () => {
      const actor = await makeUser(t.ctx);
      const here = await createSession(t.ctx, actor.id, meta);
      const elsewhere = await createSession(t.ctx, actor.id, meta);
      await issueUserToken(t.ctx, (await findUserById(t.ctx.db, actor.id))!, "reset_password");
      expect(await changePassword(t.ctx, actor, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, here)).toEqual({ ok: true, value: null });
      expect(await verifyPassword(await passwordHashOf(t.ctx.db, actor.id), NEW_PASSWORD)).toBe(true);
      expect(await resolveSession(t.ctx, here)).not.toBeNull();
      expect(await resolveSession(t.ctx, elsewhere)).toBeNull();
      const left = await t.ctx.db.selectFrom("user_tokens").select("token_hash").where("user_id", "=", actor.id).execute();
      expect(left).toHaveLength(0);
    });

    it("answers invalid for a wrong current password or a weak new one", async () => {
      const actor = await makeUser(t.ctx);
      expect(await changePassword(t.ctx, actor, { currentPassword: "wrong password", newPassword: NEW_PASSWORD })).toMatchObject({
        ok: false,
        code: "invalid",
        fields: { currentPassword: { key: "accounts:fields.wrongPassword" } },
      });
      expect(await changePassword(t.ctx, actor, { currentPassword: PASSWORD, newPassword: "short" })).toMatchObject({ ok: false, code: "invalid", fields: { newPassword: {} } });
      expect(await verifyPassword(await passwordHashOf(t.ctx.db, actor.id), PASSWORD)).toBe(true);
    });

    it("limits password attempts per account", async () => {
      const actor = await makeUser(t.ctx);
      for (let i = 0; i < PASSWORD_CHECKS_PER_15_MIN; i++) {
        expect(await changePassword(t.ctx, actor, { currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD })).toMatchObject({ code: "invalid" });
      }
      expect(await changePassword(t.ctx, actor, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).toMatchObject({ ok: false, code: "rate_limited" });
      expect(await verifyPassword(await passwordHashOf(t.ctx.db, actor.id), PASSWORD)).toBe(true);
    });

    it("answers unauthenticated for a visitor", async () => {
      expect(await changePassword(t.ctx, anonymous, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).toMatchObject({ ok: false, code: "unauthenticated" });
    });
  });

  describe("changeEmail", () => {
    it("moves to the new address unverified, drops old links and queues a confirmation and a notice", async () => {
      const actor = await makeUser(t.ctx);
      const before = (await findUserById(t.ctx.db, actor.id))!;
      await issueUserToken(t.ctx, before, "reset_password");
      const email = `new_${actor.username}@example.org`;
      expect(await changeEmail(t.ctx, actor, { email, password: PASSWORD })).toEqual({ ok: true, value: { email } });
      expect(await findUserById(t.ctx.db, actor.id)).toMatchObject({ email, emailVerified: false });
      const jobs = await t.ctx.db.selectFrom("jobs").select(["kind", "payload"]).where("kind", "in", ["accounts.sendVerification", "accounts.sendEmailChanged"]).execute();
      const mine = jobs.map((j) => ({ kind: j.kind, p: JSON.parse(String(j.payload)) })).filter((j) => j.p.userId === actor.id);
      expect(mine).toEqual(
        expect.arrayContaining([
          { kind: "accounts.sendVerification", p: { userId: actor.id, email } },
          { kind: "accounts.sendEmailChanged", p: { userId: actor.id, oldEmail: before.email, newEmail: email } },
        ]),
      );
      await t.ctx.jobs.drain();
      const tokens = await t.ctx.db.selectFrom("user_tokens").select(["purpose", "email"]).where("user_id", "=", actor.id).where("used_at", "is", null).execute();
      expect(tokens).toEqual([{ purpose: "verify_email", email }]);
    });

    it("answers invalid for a wrong password or the same address", async () => {
      const actor = await makeUser(t.ctx);
      expect(await changeEmail(t.ctx, actor, { email: `x_${actor.username}@example.com`, password: "not it at all" })).toMatchObject({ ok: false, code: "invalid", fields: { password: {} } });
      expect(await changeEmail(t.ctx, actor, { email: `${actor.username.toUpperCase()}@example.com`, password: PASSWORD })).toMatchObject({
        ok: false,
        code: "invalid",
        fields: { email: { key: "accounts:fields.sameEmail" } },
      });
      expect(await findUserById(t.ctx.db, actor.id)).toMatchObject({ email: `${actor.username}@example.com`, emailVerified: true });
    });

    it("answers conflict for an address another account has", async () => {
      const actor = await makeUser(t.ctx);
      const other = await makeUser(t.ctx);
      expect(await changeEmail(t.ctx, actor, { email: `${other.username}@example.com`, password: PASSWORD })).toMatchObject({ ok: false, code: "conflict", fields: { email: { key: "validation.emailTaken" } } });
    });

    it("limits password attempts per account", async () => {
      const actor = await makeUser(t.ctx);
      for (let i = 0; i < PASSWORD_CHECKS_PER_15_MIN; i++) await changeEmail(t.ctx, actor, { email: `z${i}@example.com`, password: `guess ${i}` });
      expect(await changeEmail(t.ctx, actor, { email: `z_${actor.username}@example.com`, password: PASSWORD })).toMatchObject({ ok: false, code: "rate_limited" });
    });

    it("answers unauthenticated for a visitor", async () => {
      expect(await changeEmail(t.ctx, anonymous, { email: "a@example.com", password: PASSWORD })).toMatchObject({ ok: false, code: "unauthenticated" });
    });
  });

  describe("logOutEverywhere", () => {
    it("ends every session of the member and no one else's", async () => {
      const actor = await makeUser(t.ctx);
      const other = await makeUser(t.ctx);
      const a = await createSession(t.ctx, actor.id, meta);
      const b = await createSession(t.ctx, actor.id, meta);
      const o = await createSession(t.ctx, other.id, meta);
      expect(await logOutEverywhere(t.ctx, actor)).toEqual({ ok: true, value: null });
      expect(await resolveSession(t.ctx, a)).toBeNull();
      expect(await resolveSession(t.ctx, b)).toBeNull();
      expect(await resolveSession(t.ctx, o)).not.toBeNull();
    });

    it("answers unauthenticated for a visitor", async () => {
      expect(await logOutEverywhere(t.ctx, anonymous)).toMatchObject({ ok: false, code: "unauthenticated" });
    });
  });
});
