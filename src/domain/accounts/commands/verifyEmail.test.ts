import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../../../test/harness.js";
import { PASSWORD, makeUser } from "../../../../test/factories.js";
import { anonymous } from "../../actor.js";
import { findUserById } from "../repo.js";
import { hashToken } from "../tokens.js";
import { issueUserToken } from "../userTokens.js";
import { changeEmail } from "./changeEmail.js";
import { RESENDS_PER_HOUR, resendVerification } from "./resendVerification.js";
import { verifyEmail } from "./verifyEmail.js";

const meta = { ip: "10.2.0.1" };

describe("verifyEmail", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  const unverified = async () => {
    const actor = await makeUser(t.ctx, { verified: false });
    return { actor, user: (await findUserById(t.ctx.db, actor.id))! };
  };

  it("confirms the address once and uses the token up", async () => {
    const { user } = await unverified();
    const token = await issueUserToken(t.ctx, user, "verify_email");
    const res = await verifyEmail(t.ctx, { token });
    expect(res).toEqual({ ok: true, value: { userId: user.id } });
    expect((await findUserById(t.ctx.db, user.id))?.emailVerified).toBe(true);
    const row = await t.ctx.db.selectFrom("user_tokens").select("used_at").where("token_hash", "=", hashToken(token)).executeTakeFirstOrThrow();
    expect(row.used_at).not.toBeNull();
  });

  it("answers conflict for a used token", async () => {
    const { user } = await unverified();
    const token = await issueUserToken(t.ctx, user, "verify_email");
    expect((await verifyEmail(t.ctx, { token })).ok).toBe(true);
    expect(await verifyEmail(t.ctx, { token })).toMatchObject({ ok: false, code: "conflict", messageKey: "accounts:token.used" });
  });

  it("answers invalid for an expired token and leaves the address unconfirmed", async () => {
    const { user } = await unverified();
    const token = await issueUserToken(t.ctx, user, "verify_email");
    await t.ctx.db.updateTable("user_tokens").set({ expires_at: new Date(Date.now() - 1000) }).where("token_hash", "=", hashToken(token)).execute();
    expect(await verifyEmail(t.ctx, { token })).toMatchObject({ ok: false, code: "invalid", messageKey: "accounts:token.expired" });
    expect((await findUserById(t.ctx.db, user.id))?.emailVerified).toBe(false);
    // Asking for a new link clears the member's expired ones.
    await issueUserToken(t.ctx, user, "verify_email");
    const left = await t.ctx.db.selectFrom("user_tokens").select("token_hash").where("user_id", "=", user.id).execute();
    expect(left.map((r) => r.token_hash)).not.toContain(hashToken(token));
    expect(left).toHaveLength(1);
  });

  it("answers invalid without a token", async () => {
    expect(await verifyEmail(t.ctx, { token: "" })).toMatchObject({ ok: false, code: "invalid", fields: { token: { key: "validation.required" } } });
  });

  it("answers not_found for an unknown token, a reset token, and a link sent before the address changed", async () => {
    expect(await verifyEmail(t.ctx, { token: "no-such-token-aaaaaaaaaaaaaaaaaaaaaa" })).toMatchObject({ ok: false, code: "not_found" });
    const { actor, user } = await unverified();
    const reset = await issueUserToken(t.ctx, user, "reset_password");
    expect(await verifyEmail(t.ctx, { token: reset })).toMatchObject({ ok: false, code: "not_found" });
    const old = await issueUserToken(t.ctx, user, "verify_email");
    expect((await changeEmail(t.ctx, actor, { email: `moved_${user.username}@example.com`, password: PASSWORD })).ok).toBe(true);
    expect(await verifyEmail(t.ctx, { token: old })).toMatchObject({ ok: false, code: "not_found" });
    expect((await findUserById(t.ctx.db, user.id))?.emailVerified).toBe(false);
  });
});

describe("resendVerification", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  const queued = async (userId: number) => {
    const rows = await t.ctx.db.selectFrom("jobs").select("payload").where("kind", "=", "accounts.sendVerification").execute();
    return rows.filter((r) => JSON.parse(String(r.payload)).userId === userId).length;
  };

  it("queues a new link for a signed-in unverified member", async () => {
    const actor = await makeUser(t.ctx, { verified: false });
    expect(await resendVerification(t.ctx, actor, {}, meta)).toEqual({ ok: true, value: null });
    expect(await queued(actor.id)).toBe(1);
  });

  it("answers conflict when the address is already confirmed", async () => {
    const actor = await makeUser(t.ctx);
    expect(await resendVerification(t.ctx, actor, {}, meta)).toMatchObject({ ok: false, code: "conflict" });
    expect(await queued(actor.id)).toBe(0);
  });

  it("limits how often one member asks", async () => {
    const actor = await makeUser(t.ctx, { verified: false });
    for (let i = 0; i < RESENDS_PER_HOUR; i++) expect((await resendVerification(t.ctx, actor, {}, meta)).ok).toBe(true);
    expect(await resendVerification(t.ctx, actor, {}, meta)).toMatchObject({ ok: false, code: "rate_limited" });
    expect(await queued(actor.id)).toBe(RESENDS_PER_HOUR);
  });

  it("lets a visitor name the address and answers the same whether or not it is an unconfirmed account", async () => {
    const pending = await makeUser(t.ctx, { verified: false });
    const done = await makeUser(t.ctx);
    const a = await resendVerification(t.ctx, anonymous, { email: `${pending.username}@example.com` }, { ip: "10.2.0.2" });
    const b = await resendVerification(t.ctx, anonymous, { email: `${done.username}@example.com` }, { ip: "10.2.0.2" });
    const c = await resendVerification(t.ctx, anonymous, { email: "nobody-here@example.com" }, { ip: "10.2.0.2" });
    expect([a, b, c]).toEqual([{ ok: true, value: null }, { ok: true, value: null }, { ok: true, value: null }]);
    expect(await queued(pending.id)).toBe(1);
    expect(await queued(done.id)).toBe(0);
  });

  it("answers invalid for a visitor without an address", async () => {
    expect(await resendVerification(t.ctx, anonymous, {}, meta)).toMatchObject({ ok: false, code: "invalid", fields: { email: { key: "validation.required" } } });
    expect(await resendVerification(t.ctx, anonymous, { email: "not-an-address" }, meta)).toMatchObject({ ok: false, code: "invalid" });
  });

  it("answers unauthenticated for a session whose account is gone", async () => {
    const actor = await makeUser(t.ctx, { verified: false });
    expect(await resendVerification(t.ctx, { ...actor, id: 99_999_999 }, {}, meta)).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});
