import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, testApp } from "../../../test/harness.js";
import { PASSWORD, makeCategory, makeUser } from "../../../test/factories.js";
import { type ReceivedMail, linkIn, startSmtp, storedMailTo } from "../../../test/mailbox.js";
import { changeEmail } from "../../domain/accounts/commands/changeEmail.js";
import { findUserByUsername } from "../../domain/accounts/repo.js";

const BASE = "http://hiroba.test";
const uniq = () => crypto.randomBytes(4).toString("hex");

/**
 * What a person does, end to end, for each way mail leaves the process: sign up in Japanese,
 * receive the Japanese mail, open its link, and post; forget the password and reset it by mail.
 */
function mailJourney(mode: "smtp" | "file") {
  describe(`account mail (${mode})`, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtp>> | null = null;
    const inbox = async (to: string): Promise<ReceivedMail[]> => {
      await t.ctx.jobs.drain();
      if (smtp) return smtp.messages.filter((m) => m.to.toLowerCase() === to.toLowerCase()).reverse();
      return storedMailTo(t.dataDir, to);
    };

    beforeAll(async () => {
      if (mode === "smtp") smtp = await startSmtp();
      t = await testApp(smtp ? { env: { SMTP_URL: smtp.url, MAIL_FROM: "Hiroba <community@hiroba.test>" } } : {});
      expect(t.ctx.mailer.kind).toBe(mode);
    });
    afterAll(async () => {
      await t.close();
      await smtp?.close();
    });

    it("sign up → Japanese mail → open the link → confirmed → can post", async () => {
      const c = new Client(t.server, { "accept-language": "ja" });
      const username = `mail_${uniq()}`;
      const email = `${username}@example.jp`;
      const signup = await c.form("/signup", { username, email, name: "<b>太郎</b>", password: PASSWORD });
      expect(signup.statusCode).toBe(303);
      const cat = await makeCategory(t.ctx);
      expect((await c.form("/new-topic", { categoryId: String(cat.id), title: "まだ投稿できない", body: "確認前", tags: "" })).statusCode).toBe(403);

      const [mail] = await inbox(email);
      expect(mail.subject).toBe("【Test Community】メールアドレスの確認");
      expect(mail.text).toContain("<b>太郎</b> さん");
      expect(mail.text).toContain("リンクの有効期限は 48 時間です。");
      expect(mail.html).toContain("&lt;b&gt;太郎&lt;/b&gt; さん");
      expect(mail.html).not.toContain("<b>太郎</b>");
      const link = linkIn(mail.text, BASE, "/verify-email");
      expect(mail.html).toContain(`href="${BASE}${link}"`);
      if (mode === "smtp") expect(mail.raw).toMatch(/^From: Hiroba <community@hiroba\.test>/m);

      const open = await c.get(link);
      expect(open.statusCode).toBe(303);
      expect((await findUserByUsername(t.ctx.db, username))?.emailVerified).toBe(true);
      expect((await c.get("/")).body).toContain("メールアドレスを確認しました");
      const post = await c.form("/new-topic", { categoryId: String(cat.id), title: "確認できたので投稿します", body: "ありがとうございます", tags: "" });
      expect(post.statusCode).toBe(303);
      expect((await c.get(link)).statusCode).toBe(409);
    });

    it("forgot password → mail in the site's language → reset → signed in with the new password", async () => {
      const member = await makeUser(t.ctx);
      const email = `${member.username}@example.com`;
      const c = new Client(t.server, { "accept-language": "ja" });
      expect((await c.form("/forgot-password", { email })).statusCode).toBe(303);
      expect((await c.form("/forgot-password", { email: `nobody_${uniq()}@example.com` })).statusCode).toBe(303);
      const [mail] = await inbox(email);
      // The member never chose a language: mail follows the community default (English here).
      expect(mail.subject).toBe("Reset your password for Test Community");
      expect(mail.text).toContain("The link works for one hour");
      const link = linkIn(mail.text, BASE, "/reset-password");
      const form = await c.get(link);
      expect(form.statusCode).toBe(200);
      const token = new URL(BASE + link).searchParams.get("token")!;
      const done = await c.form("/reset-password", { token, password: "brand new password" });
      expect(done.statusCode).toBe(303);
      expect((await c.get("/settings")).statusCode).toBe(200);
      await new Client(t.server).login(member.username, "brand new password");
    });

    it("tells the old address when the address changes, and confirms the new one", async () => {
      const member = await makeUser(t.ctx);
      const oldEmail = `${member.username}@example.com`;
      const newEmail = `new_${member.username}@example.org`;
      await t.ctx.db.updateTable("users").set({ locale: "ja" }).where("id", "=", member.id).execute();
      expect((await changeEmail(t.ctx, { ...member, locale: "ja" }, { email: newEmail, password: PASSWORD })).ok).toBe(true);
      const [notice] = await inbox(oldEmail);
      expect(notice.subject).toBe("【Test Community】メールアドレスが変更されました");
      expect(notice.text).toContain(newEmail);
      expect(notice.text).not.toContain("token=");
      const [confirm] = await inbox(newEmail);
      const link = linkIn(confirm.text, BASE, "/verify-email");
      expect((await new Client(t.server).get(link)).statusCode).toBe(303);
      expect((await findUserByUsername(t.ctx.db, member.username))?.emailVerified).toBe(true);
    });
  });
}

mailJourney("smtp");
mailJourney("file");
