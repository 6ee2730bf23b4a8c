import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, testApp } from "../../../test/harness.js";
import { PASSWORD, makeCategory, makeTopic, makeUser } from "../../../test/factories.js";
import { createApiKey } from "../../domain/accounts/commands/createApiKey.js";
import { findUserById } from "../../domain/accounts/repo.js";
import { issueUserToken } from "../../domain/accounts/userTokens.js";
import { system } from "../../domain/actor.js";

const uniq = () => crypto.randomBytes(4).toString("hex");
let ipSeq = 0;
const client = (t: TestApp, extra: Record<string, string> = {}) => new Client(t.server, { "x-forwarded-for": `10.8.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`, ...extra });

describe("account API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ env: { TRUST_PROXY: "true" } });
  });
  afterAll(() => t.close());

  it("GET /api/v1/users/:username: the public profile, without private fields; 404 otherwise", async () => {
    const member = await makeUser(t.ctx, { staff: true, name: "API Person" });
    const cat = await makeCategory(t.ctx);
    await makeTopic(t.ctx, member, { categoryId: cat.id, title: "Visible topic" });
    const res = await client(t).json("GET", `/api/v1/users/${member.username}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: member.id, username: member.username, name: "API Person", staff: true, topicCount: 1, postCount: 1, url: `/u/${member.username}` });
    expect(body.recentTopics.map((x: { title: string }) => x.title)).toEqual(["Visible topic"]);
    const text = res.body;
    for (const secret of ["email", "password", "locale", "lastSeen", "suspended", "@example.com"]) expect(text).not.toContain(secret);
    const missing = await client(t).json("GET", "/api/v1/users/nobody_here_at_all");
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: "not_found", message: "There is no member with that username." } });
  });

  it("POST /api/v1/users signs up (JSON only), sets the cookie and answers 409/400/429 with fields", async () => {
    const c = client(t, { "accept-language": "ja" });
    const username = `api_${uniq()}`;
    const res = await c.json("POST", "/api/v1/users", { username, email: `${username}@example.com`, password: PASSWORD });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ username, emailVerified: false, locale: "ja", email: `${username}@example.com` });
    expect(res.cookies.find((x) => x.name === "hiroba_session")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    const me = await c.json("GET", "/api/v1/me");
    expect(me.json()).toMatchObject({ username, emailVerified: false });
    const dup = await client(t, { "accept-language": "ja" }).json("POST", "/api/v1/users", { username, email: `x${username}@example.com`, password: PASSWORD });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields.username).toBe("このユーザー名は使われています。");
    const bad = await client(t).json("POST", "/api/v1/users", { username: "", email: "x", password: "1" });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(["email", "password", "username"]);
    const form = await client(t).form("/api/v1/users", { username: `f_${uniq()}`, email: `f_${uniq()}@example.com`, password: PASSWORD });
    expect(form.statusCode).toBe(400);
  });

  it("POST/DELETE /api/v1/session log in and out; GET /api/v1/me is 401 JSON for visitors", async () => {
    const member = await makeUser(t.ctx);
    const c = client(t);
    const anon = await c.json("GET", "/api/v1/me");
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe("unauthenticated");
    const wrong = await c.json("POST", "/api/v1/session", { login: member.username, password: "nope nope" });
    expect(wrong.statusCode).toBe(401);
    const ok = await c.json("POST", "/api/v1/session", { login: member.username, password: PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ id: member.id, emailVerified: true });
    expect((await c.json("GET", "/api/v1/me")).statusCode).toBe(200);
    const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const noCsrf = await t.server.inject({ method: "DELETE", url: "/api/v1/session", headers: { cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const out = await c.json("DELETE", "/api/v1/session");
    expect(out.statusCode).toBe(204);
    expect((await c.json("GET", "/api/v1/me")).statusCode).toBe(401);
  });

  it("PATCH /api/v1/me changes only the given fields; password, e-mail and sessions have their own endpoints", async () => {
    const member = await makeUser(t.ctx);
    const c = client(t);
    const other = client(t);
    await c.json("POST", "/api/v1/session", { login: member.username, password: PASSWORD });
    await other.json("POST", "/api/v1/session", { login: member.username, password: PASSWORD });
    const patched = await c.json("PATCH", "/api/v1/me", { bio: "Hello from the API", theme: "social" });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ bio: "Hello from the API", theme: "social", locale: null, name: member.username });
    expect((await c.json("PATCH", "/api/v1/me", { locale: "fr" })).statusCode).toBe(400);
    const wrongPw = await c.json("PUT", "/api/v1/me/password", { currentPassword: "not it", newPassword: "long new password" });
    expect(wrongPw.statusCode).toBe(400);
    expect(wrongPw.json().error.fields.currentPassword).toBe("This password is not correct.");
    expect((await c.json("PUT", "/api/v1/me/password", { currentPassword: PASSWORD, newPassword: "long new password" })).statusCode).toBe(204);
    expect((await other.json("GET", "/api/v1/me")).statusCode).toBe(401);
    expect((await c.json("GET", "/api/v1/me")).statusCode).toBe(200);
    const email = `changed_${uniq()}@example.com`;
    const changed = await c.json("PUT", "/api/v1/me/email", { email, password: "long new password" });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ email, emailVerified: false });
    expect((await c.json("POST", "/api/v1/email-verification", {})).statusCode).toBe(202);
    expect((await c.json("DELETE", "/api/v1/me/sessions")).statusCode).toBe(204);
    expect((await c.json("GET", "/api/v1/me")).statusCode).toBe(401);
    expect((await c.json("PATCH", "/api/v1/me", { bio: "x" })).statusCode).toBe(401);
  });

  it("confirms an address and resets a password by token", async () => {
    const member = await makeUser(t.ctx, { verified: false });
    const user = (await findUserById(t.ctx.db, member.id))!;
    const verify = await issueUserToken(t.ctx, user, "verify_email");
    expect((await client(t).json("POST", "/api/v1/email-verification/confirm", { token: verify })).json()).toEqual({ verified: true });
    expect((await client(t).json("POST", "/api/v1/email-verification/confirm", { token: verify })).statusCode).toBe(409);
    expect((await client(t).json("POST", "/api/v1/password-reset", { email: `${member.username}@example.com` })).statusCode).toBe(202);
    expect((await client(t).json("POST", "/api/v1/password-reset", { email: "nobody@nowhere.example" })).statusCode).toBe(202);
    expect((await client(t).json("POST", "/api/v1/password-reset", { email: "bad" })).statusCode).toBe(400);
    const reset = await issueUserToken(t.ctx, user, "reset_password");
    const c = client(t);
    const done = await c.json("POST", "/api/v1/password-reset/confirm", { token: reset, password: "reset via api" });
    expect(done.statusCode).toBe(200);
    expect(done.json().user.id).toBe(member.id);
    expect((await c.json("GET", "/api/v1/me")).statusCode).toBe(200);
    expect((await client(t).json("POST", "/api/v1/password-reset/confirm", { token: "unknown-token-xxxxxxxxxxxxxxxxxxxx", password: "reset via api" })).statusCode).toBe(404);
  });

  it("works with an API key too (no cookie, no CSRF)", async () => {
    const member = await makeUser(t.ctx);
    const key = await createApiKey(t.ctx, system, { userId: member.id });
    if (!key.ok) throw new Error("key");
    const c = new Client(t.server, { authorization: `Bearer ${key.value.key}` });
    expect((await c.json("GET", "/api/v1/me")).json()).toMatchObject({ id: member.id });
    expect((await c.json("PATCH", "/api/v1/me", { name: "Via key" })).json()).toMatchObject({ name: "Via key" });
  });

  it("documents the account endpoints in OpenAPI", async () => {
    const doc = (await t.server.inject("/api/openapi.json")).json();
    for (const p of ["/api/v1/users/{username}", "/api/v1/users", "/api/v1/session", "/api/v1/me", "/api/v1/me/password", "/api/v1/me/email", "/api/v1/password-reset"]) {
      expect(doc.paths[p], p).toBeTruthy();
    }
  });
});

describe("session cookie over https", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ env: { BASE_URL: "https://community.example.com" } });
  });
  afterAll(() => t.close());

  it("is Secure, httpOnly and SameSite=Lax", async () => {
    const username = `tls_${uniq()}`;
    const res = await new Client(t.server).json("POST", "/api/v1/users", { username, email: `${username}@example.com`, password: PASSWORD });
    expect(res.statusCode).toBe(201);
    expect(res.cookies.find((x) => x.name === "hiroba_session")).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax" });
  });
});
