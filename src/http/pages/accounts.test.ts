import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, testApp } from "../../../test/harness.js";
import { PASSWORD, makeCategory, makeTopic, makeUser } from "../../../test/factories.js";
import { SIGNUPS_PER_IP_HOUR } from "../../domain/accounts/commands/signUp.js";
import { updateProfile } from "../../domain/accounts/commands/updateProfile.js";
import { findUserById, findUserByUsername, passwordHashOf } from "../../domain/accounts/repo.js";
import { verifyPassword } from "../../domain/accounts/password.js";
import { hashToken } from "../../domain/accounts/tokens.js";
import { issueUserToken } from "../../domain/accounts/userTokens.js";

const uniq = () => crypto.randomBytes(4).toString("hex");
let ipSeq = 0;
/** Each client comes from its own address (TRUST_PROXY is on), so per-IP limits don't collide. */
const client = (t: TestApp, lang = "en") => new Client(t.server, { "x-forwarded-for": `10.9.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`, "accept-language": lang });

describe("account pages", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ env: { TRUST_PROXY: "true" } });
  });
  afterAll(() => t.close());

  describe("/signup", () => {
    it("shows the form in the visitor's language", async () => {
      const en = await client(t).get("/signup");
      expect(en.statusCode).toBe(200);
      expect(en.body).toContain("Create your account");
      expect(en.body).toContain('name="_csrf"');
      const ja = await client(t, "ja").get("/signup");
      expect(ja.body).toContain("アカウントを作成");
      expect(ja.body).toContain("表示名（任意）");
    });

    it("keeps what was typed (never the password) and explains each field", async () => {
      const res = await client(t, "ja").form("/signup", { username: "bad name", email: "not-mail", name: "表示名そのまま", password: "short" });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('value="bad name"');
      expect(res.body).toContain('value="not-mail"');
      expect(res.body).toContain('value="表示名そのまま"');
      expect(res.body).not.toContain('value="short"');
      expect(res.body).toContain("正しいメールアドレスを入力してください");
      expect(res.body).toContain('aria-invalid="true"');
    });

    it("answers 409 for a taken username or email, translated next to the field", async () => {
      const existing = await makeUser(t.ctx);
      const res = await client(t, "ja").form("/signup", { username: existing.username, email: `${existing.username}@example.com`, name: "", password: PASSWORD });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain("このユーザー名またはメールアドレスはすでに使われています");
      const en = await client(t).form("/signup", { username: `free_${uniq()}`, email: `${existing.username}@example.com`, name: "", password: PASSWORD });
      expect(en.statusCode).toBe(409);
      expect(en.body).toContain("An account with this email already exists.");
    });

    it("signs the new member in with a safe cookie; they read, see the banner, and may not post yet", async () => {
      const c = client(t);
      const username = `fresh_${uniq()}`;
      const res = await c.form("/signup", { username, email: `${username}@example.com`, name: "Fresh Face", password: PASSWORD, next: "/latest" });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/latest");
      const cookie = res.cookies.find((x) => x.name === "hiroba_session")!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
      expect(cookie.secure).toBeFalsy();
      const home = await c.get("/latest");
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain("Welcome! We sent a confirmation link");
      expect(home.body).toContain("verify-banner");
      expect(home.body).toContain('action="/verify-email/resend"');
      const cat = await makeCategory(t.ctx);
      const post = await c.form("/new-topic", { categoryId: String(cat.id), title: "Can I post already?", body: "Not yet.", tags: "" });
      expect(post.statusCode).toBe(403);
      expect(post.body).toContain("confirm your email address");
      expect((await c.get("/signup")).statusCode).toBe(303);
    });

    it("limits sign-ups per address with 429 and Retry-After", async () => {
      const c = client(t);
      for (let i = 0; i < SIGNUPS_PER_IP_HOUR; i++) {
        const u = `rl_${uniq()}`;
        const ok = await c.form("/signup", { username: u, email: `${u}@example.com`, name: "", password: PASSWORD });
        expect(ok.statusCode).toBe(303);
        c.cookies.delete("hiroba_session");
      }
      const u = `rl_${uniq()}`;
      const res = await c.form("/signup", { username: u, email: `${u}@example.com`, name: "", password: PASSWORD });
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
      expect(res.body).toContain(`value="${u}"`);
      expect(await findUserByUsername(t.ctx.db, u)).toBeNull();
    });
  });

  describe("/verify-email", () => {
    it("confirms with the link, then the banner is gone and posting works", async () => {
      const member = await makeUser(t.ctx, { verified: false });
      const c = client(t);
      await c.login(member.username, PASSWORD);
      const token = await issueUserToken(t.ctx, (await findUserById(t.ctx.db, member.id))!, "verify_email");
      const res = await c.get(`/verify-email?token=${token}`);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/");
      const home = await c.get("/");
      expect(home.body).toContain("your email address is confirmed");
      expect(home.body).not.toContain("verify-banner");
      const cat = await makeCategory(t.ctx);
      const post = await c.form("/new-topic", { categoryId: String(cat.id), title: "Now I can post", body: "Yes.", tags: "" });
      expect(post.statusCode).toBe(303);
    });

    it("explains expired, used and unknown links with the right status and offers a new one", async () => {
      const member = await makeUser(t.ctx, { verified: false });
      const user = (await findUserById(t.ctx.db, member.id))!;
      const expired = await issueUserToken(t.ctx, user, "verify_email");
      await t.ctx.db.updateTable("user_tokens").set({ expires_at: new Date(Date.now() - 1000) }).where("token_hash", "=", hashToken(expired)).execute();
      const visitor = client(t, "ja");
      const a = await visitor.get(`/verify-email?token=${expired}`);
      expect(a.statusCode).toBe(400);
      expect(a.body).toContain("有効期限が切れています");
      expect(a.body).toContain('action="/verify-email/resend"');
      expect(a.body).toContain('name="email"');
      const b = await visitor.get("/verify-email?token=nothing-like-a-real-token");
      expect(b.statusCode).toBe(404);
      expect(b.body).toContain("このリンクは無効です");
      const used = await issueUserToken(t.ctx, user, "verify_email");
      expect((await visitor.get(`/verify-email?token=${used}`)).statusCode).toBe(303);
      const c = await visitor.get(`/verify-email?token=${used}`);
      expect(c.statusCode).toBe(409);
      expect(c.body).toContain("すでに使用されています");
    });

    it("resends from the banner and returns to the page", async () => {
      const member = await makeUser(t.ctx, { verified: false });
      const c = client(t);
      await c.login(member.username, PASSWORD);
      const page = await c.get("/verify-email");
      expect(page.body).toContain(`${member.username}@example.com`);
      const res = await c.form("/verify-email/resend", { next: "/latest" });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/latest");
      expect((await c.get("/latest")).body).toContain("We sent you a new confirmation link.");
    });

    it("lets a visitor ask by address with the same answer for any address", async () => {
      const a = await client(t).form("/verify-email/resend", { email: "no-account-here@example.com" });
      expect(a.statusCode).toBe(303);
      expect(a.headers.location).toBe("/verify-email");
      const bad = await client(t).form("/verify-email/resend", { email: "" });
      expect(bad.statusCode).toBe(400);
    });
  });

  describe("/forgot-password and /reset-password", () => {
    it("answers the same for known and unknown addresses", async () => {
      const member = await makeUser(t.ctx);
      const known = await client(t).form("/forgot-password", { email: `${member.username}@example.com` });
      const unknown = await client(t).form("/forgot-password", { email: `ghost_${uniq()}@example.com` });
      expect([known.statusCode, unknown.statusCode]).toEqual([303, 303]);
      expect(known.headers.location).toBe(unknown.headers.location);
      const sent = await client(t, "ja").get(known.headers.location as string);
      expect(sent.body).toContain("そのアドレスのアカウントがある場合");
    });

    it("keeps the address on a bad one and rate-limits with 429", async () => {
      const c = client(t);
      const bad = await c.form("/forgot-password", { email: "not an address" });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('value="not an address"');
      let last = bad;
      for (let i = 0; i < 12 && last.statusCode !== 429; i++) last = await c.form("/forgot-password", { email: `someone${i}@example.com` });
      expect(last.statusCode).toBe(429);
      expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
    });

    it("sets a new password from the link, ends other sessions and signs in", async () => {
      const member = await makeUser(t.ctx);
      const elsewhere = client(t);
      await elsewhere.login(member.username, PASSWORD);
      const token = await issueUserToken(t.ctx, (await findUserById(t.ctx.db, member.id))!, "reset_password");
      const c = client(t);
      const form = await c.get(`/reset-password?token=${token}`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain(`name="token" value="${token}"`);
      const weak = await c.form("/reset-password", { token, password: "short" });
      expect(weak.statusCode).toBe(400);
      expect(weak.body).toContain("Use at least 8 characters.");
      expect(weak.body).toContain(`value="${token}"`);
      const res = await c.form("/reset-password", { token, password: "a new long password" });
      expect(res.statusCode).toBe(303);
      expect(c.cookies.get("hiroba_session")).toBeTruthy();
      expect((await c.get("/settings")).statusCode).toBe(200);
      expect((await elsewhere.get("/settings")).statusCode).toBe(303);
      expect(await verifyPassword(await passwordHashOf(t.ctx.db, member.id), "a new long password")).toBe(true);
      const again = await client(t).get(`/reset-password?token=${token}`);
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('href="/forgot-password"');
    });

    it("explains a missing or unknown token", async () => {
      expect((await client(t).get("/reset-password")).statusCode).toBe(400);
      const unknown = await client(t, "ja").get("/reset-password?token=abcdefghijklmnopqrstuvwxyz");
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain("新しいリンクを請求する");
    });
  });

  describe("/u/:username", () => {
    it("shows a member's public profile, safely, with their visible topics", async () => {
      const member = await makeUser(t.ctx, { staff: true, name: "Hana <Support>" });
      await t.ctx.db.updateTable("users").set({ title: "Product team" }).where("id", "=", member.id).execute();
      await updateProfile(t.ctx, member, { name: "Hana <Support>", bio: "I answer *billing* questions.\n\n<img src=x onerror=alert(1)>" });
      const cat = await makeCategory(t.ctx);
      await makeTopic(t.ctx, member, { categoryId: cat.id, title: "How invoices work" });
      const res = await client(t).get(`/u/${member.username}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("Hana &lt;Support>");
      expect(res.body).not.toContain("Hana <Support>");
      expect(res.body).toContain(`@${member.username}`);
      expect(res.body).toContain("badge-staff");
      expect(res.body).toContain("Product team");
      expect(res.body).toContain("<em>billing</em>");
      expect(res.body).not.toContain("<img src=x");
      expect(res.body).toContain("How invoices work");
      expect(res.body).toContain(`<link rel="canonical" href="http://hiroba.test/u/${member.username}"`);
      expect(res.body).toContain('"@type":"ProfilePage"');
      expect(res.body).not.toContain(`${member.username}@example.com`);
      const ja = await client(t, "ja").get(`/u/${member.username}`);
      expect(ja.body).toContain("登録日");
    });

    it("answers 404 for unknown names and redirects other spellings", async () => {
      const res = await client(t).get("/u/nobody_by_that_name");
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain("There is no member with that username.");
      const member = await makeUser(t.ctx);
      const upper = await client(t).get(`/u/${member.username.toUpperCase()}`);
      expect(upper.statusCode).toBe(301);
      expect(upper.headers.location).toBe(`/u/${member.username}`);
    });
  });

  describe("/settings", () => {
    it("sends visitors to log in", async () => {
      const res = await client(t).get("/settings");
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/login?next=%2Fsettings");
      expect((await client(t).form("/settings/profile", { name: "x", bio: "" })).statusCode).toBe(401);
    });

    it("saves the profile, and keeps input with a translated error when it is too long", async () => {
      const member = await makeUser(t.ctx);
      const c = client(t, "ja");
      await c.login(member.username, PASSWORD);
      const page = await c.get("/settings");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`${member.username}@example.com`);
      expect(page.body).toContain("すべての端末からログアウト");
      const tooLong = await c.form("/settings/profile", { name: "名前はそのまま", bio: "あ".repeat(2001) });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.body).toContain('value="名前はそのまま"');
      expect(tooLong.body).toContain("2000 文字以内");
      const ok = await c.form("/settings/profile", { name: "新しい名前", bio: "よろしくお願いします。" });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe("/settings#top");
      expect(await findUserById(t.ctx.db, member.id)).toMatchObject({ name: "新しい名前", bio: "よろしくお願いします。" });
      expect((await c.get("/settings")).body).toContain("プロフィールを保存しました");
    });

    it("switches language and theme, and back to following the browser", async () => {
      const member = await makeUser(t.ctx);
      const c = client(t, "en");
      await c.login(member.username, PASSWORD);
      expect((await c.form("/settings/preferences", { locale: "ja", theme: "bbs" })).statusCode).toBe(303);
      const after = await c.get("/settings");
      expect(after.body).toContain('<html lang="ja" data-theme="bbs"');
      expect(after.body).toContain("設定を保存しました");
      expect((await c.form("/settings/preferences", { locale: "", theme: "" })).statusCode).toBe(303);
      expect((await c.get("/settings")).body).toContain('<html lang="en" data-theme="support"');
      const bad = await c.form("/settings/preferences", { locale: "xx", theme: "" });
      expect(bad.statusCode).toBe(400);
    });

    it("changes the e-mail address after checking the password; the new one needs confirming", async () => {
      const member = await makeUser(t.ctx);
      const c = client(t);
      await c.login(member.username, PASSWORD);
      const email = `moved_${uniq()}@example.org`;
      const wrong = await c.form("/settings/email", { email, password: "not my password" });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain(`value="${email}"`);
      expect(wrong.body).toContain("This password is not correct.");
      const taken = await c.form("/settings/email", { email: "admin@example.com", password: PASSWORD });
      expect(taken.statusCode).toBe(409);
      const ok = await c.form("/settings/email", { email, password: PASSWORD });
      expect(ok.statusCode).toBe(303);
      expect(await findUserById(t.ctx.db, member.id)).toMatchObject({ email, emailVerified: false });
      const page = await c.get("/settings");
      expect(page.body).toContain("verify-banner");
      expect(page.body).toContain("Not confirmed");
    });

    it("changes the password and logs other devices out; logging out everywhere ends this one too", async () => {
      const member = await makeUser(t.ctx);
      const c = client(t);
      const other = client(t);
      await c.login(member.username, PASSWORD);
      await other.login(member.username, PASSWORD);
      const wrong = await c.form("/settings/password", { currentPassword: "guess", newPassword: "long enough now" });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain("This password is not correct.");
      const ok = await c.form("/settings/password", { currentPassword: PASSWORD, newPassword: "long enough now" });
      expect(ok.statusCode).toBe(303);
      expect((await c.get("/settings")).statusCode).toBe(200);
      expect((await other.get("/settings")).statusCode).toBe(303);
      await other.login(member.username, "long enough now");
      const out = await c.form("/settings/sessions", {});
      expect(out.statusCode).toBe(303);
      expect(out.headers.location).toBe("/login");
      expect((await c.get("/settings")).statusCode).toBe(303);
      expect((await other.get("/settings")).statusCode).toBe(303);
    });
  });
});
