import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../../../test/harness.js";
import { PASSWORD, makeUser } from "../../../../test/factories.js";
import { storedMailTo } from "../../../../test/mailbox.js";
import { anonymous } from "../../actor.js";
import { findUserByUsername } from "../repo.js";
import { resolveSession } from "../sessions.js";
import { SIGNUPS_PER_IP_HOUR, signUp } from "./signUp.js";

const uniq = () => crypto.randomBytes(4).toString("hex");
const meta = (ip = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) => ({ ip, userAgent: "vitest" });

describe("signUp", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it("creates an unverified member, signs them in and mails a link whose token is stored only hashed", async () => {
    const username = `new_${uniq()}`;
    const email = `${username}@example.com`;
    const res = await signUp(t.ctx, anonymous, { username, email, name: "新しい人", password: PASSWORD, locale: "ja" }, meta());
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const user = await findUserByUsername(t.ctx.db, username);
    expect(user).toMatchObject({ role: "member", staff: false, emailVerified: false, name: "新しい人", locale: "ja", email });
    const row = await t.ctx.db.selectFrom("users").select("password_hash").where("id", "=", res.value.userId).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const actor = await resolveSession(t.ctx, res.value.token);
    expect(actor).toMatchObject({ id: res.value.userId, emailVerified: false });

    await t.ctx.jobs.drain();
    const tokens = await t.ctx.db.selectFrom("user_tokens").selectAll().where("user_id", "=", res.value.userId).execute();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ purpose: "verify_email", email, used_at: null });
    const [mail] = await storedMailTo(t.dataDir, email);
    const raw = /token=([\w-]+)/.exec(mail.text)![1];
    expect(tokens[0].token_hash).toBe(crypto.createHash("sha256").update(raw).digest("hex"));
    // The raw token never sat in the jobs table: the job made it.
    const jobs = await t.ctx.db.selectFrom("jobs").select("payload").where("kind", "=", "accounts.sendVerification").execute();
    expect(jobs.map((j) => String(j.payload)).join("\n")).not.toContain(raw);
    const lifetime = new Date(tokens[0].expires_at).getTime() - new Date(tokens[0].created_at).getTime();
    expect(lifetime).toBe(48 * 3600_000);
  });

  it("uses the username as the display name when none is given", async () => {
    const username = `plain_${uniq()}`;
    const res = await signUp(t.ctx, anonymous, { username, email: `${username}@example.com`, password: PASSWORD }, meta());
    expect(res.ok).toBe(true);
    expect((await findUserByUsername(t.ctx.db, username))?.name).toBe(username);
  });

  it("rejects invalid input field by field and stores nothing", async () => {
    const res = await signUp(t.ctx, anonymous, { username: "a b", email: "nope", password: "short" }, meta());
    expect(res).toMatchObject({ ok: false, code: "invalid" });
    if (res.ok) return;
    expect(Object.keys(res.fields ?? {}).sort()).toEqual(["email", "password", "username"]);
    expect(await findUserByUsername(t.ctx.db, "a b")).toBeNull();
  });

  it("refuses a signed-in member", async () => {
    const member = await makeUser(t.ctx);
    const username = `again_${uniq()}`;
    const res = await signUp(t.ctx, member, { username, email: `${username}@example.com`, password: PASSWORD }, meta());
    expect(res).toMatchObject({ ok: false, code: "forbidden" });
    expect(await findUserByUsername(t.ctx.db, username)).toBeNull();
  });

  it("answers conflict for a taken username or email, whatever the case", async () => {
    const existing = await makeUser(t.ctx);
    const byName = await signUp(t.ctx, anonymous, { username: existing.username.toUpperCase(), email: `x_${uniq()}@example.com`, password: PASSWORD }, meta());
    expect(byName).toMatchObject({ ok: false, code: "conflict", fields: { username: { key: "validation.usernameTaken" } } });
    const byEmail = await signUp(t.ctx, anonymous, { username: `y_${uniq()}`, email: `${existing.username}@EXAMPLE.com`, password: PASSWORD }, meta());
    expect(byEmail).toMatchObject({ ok: false, code: "conflict", fields: { email: { key: "validation.emailTaken" } } });
  });

  it("limits sign-ups per IP address", async () => {
    const ip = `10.250.${Math.floor(Math.random() * 250)}.1`;
    for (let i = 0; i < SIGNUPS_PER_IP_HOUR; i++) {
      const u = `burst_${uniq()}`;
      const res = await signUp(t.ctx, anonymous, { username: u, email: `${u}@example.com`, password: PASSWORD }, meta(ip));
      expect(res.ok).toBe(true);
    }
    const u = `burst_${uniq()}`;
    const res = await signUp(t.ctx, anonymous, { username: u, email: `${u}@example.com`, password: PASSWORD }, meta(ip));
    expect(res).toMatchObject({ ok: false, code: "rate_limited" });
    if (!res.ok) expect(Number(res.params?.retryAfter)).toBeGreaterThan(0);
    expect(await findUserByUsername(t.ctx.db, u)).toBeNull();
  });
});
