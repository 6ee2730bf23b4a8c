import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../../../test/harness.js";
import { PASSWORD, makeUser } from "../../../../test/factories.js";
import { storedMailTo } from "../../../../test/mailbox.js";
import { verifyPassword } from "../password.js";
import { findUserById, passwordHashOf } from "../repo.js";
import { createSession, resolveSession } from "../sessions.js";
import { hashToken } from "../tokens.js";
import { issueUserToken } from "../userTokens.js";
import { RESET_REQUESTS_PER_HOUR, requestPasswordReset } from "./requestPasswordReset.js";
import { resetPassword } from "./resetPassword.js";

const meta = { ip: "10.3.0.1", userAgent: "vitest" };
const NEW_PASSWORD = "a brand new secret";

describe("requestPasswordReset", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it("mails a one-hour reset link to an existing address, typed in any case", async () => {
    const actor = await makeUser(t.ctx);
    expect(await requestPasswordReset(t.ctx, { email: `${actor.username.toUpperCase()}@example.com` }, meta)).toEqual({ ok: true, value: null });
    await t.ctx.jobs.drain();
    const tokens = await t.ctx.db.selectFrom("user_tokens").selectAll().where("user_id", "=", actor.id).execute();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ purpose: "reset_password", email: `${actor.username}@example.com` });
    expect(new Date(tokens[0].expires_at).getTime() - new Date(tokens[0].created_at).getTime()).toBe(3600_000);
    expect(await storedMailTo(t.dataDir, `${actor.username}@example.com`)).toHaveLength(1);
  });

  it("does exactly the same work for an address without an account, and mails nothing", async () => {
    const email = "nobody-at-all@example.com";
    expect(await requestPasswordReset(t.ctx, { email }, meta)).toEqual({ ok: true, value: null });
    const jobs = await t.ctx.db.selectFrom("jobs").select("payload").where("kind", "=", "accounts.sendPasswordReset").execute();
    expect(jobs.map((j) => JSON.parse(String(j.payload)))).toContainEqual({ email });
    await t.ctx.jobs.drain();
    const failed = await t.ctx.db.selectFrom("jobs").select("id").where("kind", "=", "accounts.sendPasswordReset").where("status", "!=", "done").execute();
    expect(failed).toEqual([]);
    expect(await storedMailTo(t.dataDir, email)).toEqual([]);
  });

  it("answers invalid for something that is not an address", async () => {
    expect(await requestPasswordReset(t.ctx, { email: "admin" }, meta)).toMatchObject({ ok: false, code: "invalid", fields: { email: { key: "validation.email" } } });
  });

  it("limits requests per IP address", async () => {
    const ip = { ip: "10.3.9.9" };
    for (let i = 0; i < RESET_REQUESTS_PER_HOUR; i++) expect((await requestPasswordReset(t.ctx, { email: `someone${i}@example.com` }, ip)).ok).toBe(true);
    expect(await requestPasswordReset(t.ctx, { email: "one-more@example.com" }, ip)).toMatchObject({ ok: false, code: "rate_limited" });
  });
});

describe("resetPassword", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it("sets a new argon2id hash, ends every session, uses the token, confirms the address and signs in", async () => {
    const actor = await makeUser(t.ctx, { verified: false });
    const user = (await findUserById(t.ctx.db, actor.id))!;
    const other = await createSession(t.ctx, user.id, meta);
    const token = await issueUserToken(t.ctx, user, "reset_password");
    const res = await resetPassword(t.ctx, { token, password: NEW_PASSWORD }, meta);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const hash = await passwordHashOf(t.ctx.db, user.id);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(hash, PASSWORD)).toBe(false);
    expect(await resolveSession(t.ctx, other)).toBeNull();
    expect(await resolveSession(t.ctx, res.value.token)).toMatchObject({ id: user.id, emailVerified: true });
    const row = await t.ctx.db.selectFrom("user_tokens").select("used_at").where("token_hash", "=", hashToken(token)).executeTakeFirstOrThrow();
    expect(row.used_at).not.toBeNull();
    const sessions = await t.ctx.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(sessions).toHaveLength(1);
  });

  it("answers invalid for a weak password and keeps the token usable", async () => {
    const actor = await makeUser(t.ctx);
    const token = await issueUserToken(t.ctx, (await findUserById(t.ctx.db, actor.id))!, "reset_password");
    expect(await resetPassword(t.ctx, { token, password: "short" }, meta)).toMatchObject({ ok: false, code: "invalid", fields: { password: { key: "validation.passwordTooShort" } } });
    expect((await resetPassword(t.ctx, { token, password: NEW_PASSWORD }, meta)).ok).toBe(true);
  });

  it("answers invalid for an expired token and keeps the old password", async () => {
    const actor = await makeUser(t.ctx);
    const token = await issueUserToken(t.ctx, (await findUserById(t.ctx.db, actor.id))!, "reset_password");
    await t.ctx.db.updateTable("user_tokens").set({ expires_at: new Date(Date.now() - 1) }).where("token_hash", "=", hashToken(token)).execute();
    expect(await resetPassword(t.ctx, { token, password: NEW_PASSWORD }, meta)).toMatchObject({ ok: false, code: "invalid", messageKey: "accounts:token.expired" });
    expect(await verifyPassword(await passwordHashOf(t.ctx.db, actor.id), PASSWORD)).toBe(true);
  });

  it("answers not_found for an unknown token or a verification token", async () => {
    const actor = await makeUser(t.ctx, { verified: false });
    const verify = await issueUserToken(t.ctx, (await findUserById(t.ctx.db, actor.id))!, "verify_email");
    expect(await resetPassword(t.ctx, { token: "made-up-token-0000000000000000000", password: NEW_PASSWORD }, meta)).toMatchObject({ ok: false, code: "not_found" });
    expect(await resetPassword(t.ctx, { token: verify, password: NEW_PASSWORD }, meta)).toMatchObject({ ok: false, code: "not_found" });
    expect(await verifyPassword(await passwordHashOf(t.ctx.db, actor.id), PASSWORD)).toBe(true);
  });

  it("answers conflict for a used token", async () => {
    const actor = await makeUser(t.ctx);
    const token = await issueUserToken(t.ctx, (await findUserById(t.ctx.db, actor.id))!, "reset_password");
    expect((await resetPassword(t.ctx, { token, password: NEW_PASSWORD }, meta)).ok).toBe(true);
    expect(await resetPassword(t.ctx, { token, password: "yet another secret" }, meta)).toMatchObject({ ok: false, code: "conflict" });
    expect(await verifyPassword(await passwordHashOf(t.ctx.db, actor.id), NEW_PASSWORD)).toBe(true);
  });

  it("answers forbidden for a suspended account and changes nothing", async () => {
    const actor = await makeUser(t.ctx);
    await t.ctx.db.updateTable("users").set({ suspended_until: new Date(Date.now() + 86400_000) }).where("id", "=", actor.id).execute();
    const token = await issueUserToken(t.ctx, (await findUserById(t.ctx.db, actor.id))!, "reset_password");
    expect(await resetPassword(t.ctx, { token, password: NEW_PASSWORD }, meta)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await verifyPassword(await passwordHashOf(t.ctx.db, actor.id), PASSWORD)).toBe(true);
  });
});
