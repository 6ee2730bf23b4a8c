import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, testApp } from "../../../../test/harness.js";
import { PASSWORD, makeCategory, makeTopic, makeUser } from "../../../../test/factories.js";
import { actorOf } from "../../../../test/audit.js";
import { createApiKey } from "../../../domain/accounts/commands/createApiKey.js";
import { createGroup } from "../../../domain/community/commands/createGroup.js";
import type { UserActor } from "../../../domain/actor.js";

let t: TestApp;
let admin: UserActor;
let asAdmin: Client;
let asMember: Client;
const paths: string[] = [];
beforeAll(async () => {
  t = await testApp();
  admin = await actorOf(t.ctx, t.adminId);
  asAdmin = new Client(t.server, { "accept-language": "en" });
  await asAdmin.login("admin", PASSWORD);
  const member = await makeUser(t.ctx);
  asMember = new Client(t.server, { "accept-language": "en" });
  await asMember.login(member.username, PASSWORD);
  const category = await makeCategory(t.ctx);
  await makeTopic(t.ctx, admin, { categoryId: category.id, tags: ["setup"] });
  const group = await createGroup(t.ctx, admin, { name: "Beta testers" });
  if (!group.ok) throw new Error("group");
  await createApiKey(t.ctx, admin, { userId: member.id, description: "CRM sync" });
  await t.ctx.mailer.send({ to: "hanako@example.com", subject: "ようこそ <b>Hiroba</b>", text: "Hello <script>alert(1)</script>\nこんにちは" });
  const [mail] = await import("../../../infra/mail.js").then((m) => m.listStoredMail(t.dataDir));
  const builtin = (await t.ctx.cache.groups()).builtin.staff;
  paths.push(
    "/admin",
    "/admin/settings",
    "/admin/categories",
    "/admin/categories/new",
    `/admin/categories/${category.id}`,
    "/admin/groups",
    `/admin/groups/${group.value.id}`,
    `/admin/groups/${builtin}`,
    "/admin/tags",
    "/admin/users",
    "/admin/users/new",
    `/admin/users/${member.id}`,
    "/admin/api-keys",
    "/admin/api-keys/new",
    "/admin/mail",
    `/admin/mail/${mail.file}`,
    "/admin/jobs",
    "/admin/audit",
  );
});
afterAll(() => t.close());

describe("the admin area", () => {
  it("serves every page to admins, with the admin navigation and no indexing", async () => {
    for (const path of paths) {
      const res = await asAdmin.get(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.body, path).toContain('class="admin-nav"');
      expect(res.body, path).toContain('<meta name="robots" content="noindex"/>');
    }
  });

  it("answers members with 403 and visitors with a redirect to log in", async () => {
    const visitor = new Client(t.server);
    for (const path of paths) {
      const res = await asMember.get(path);
      expect(res.statusCode, path).toBe(403);
      expect(res.body, path).toContain("Only administrators can open the admin area.");
      expect(res.body, path).not.toContain('class="admin-nav"');
      const anon = await visitor.get(path);
      expect(anon.statusCode, path).toBe(303);
      expect(anon.headers.location, path).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it("cannot be reached around the gate with an encoded or trailing-slash path", async () => {
    for (const path of ["/%61dmin/users", "/%61dmin", "/admin/users/", "/admin%2fusers"]) {
      const res = await asMember.get(path);
      expect(res.body, path).not.toContain('class="admin-nav"');
      expect([403, 404], path).toContain(res.statusCode);
    }
    expect((await asMember.get("/%61dmin/users")).statusCode).toBe(403);
  });

  it("refuses every admin form to members without changing anything", async () => {
    const before = (await t.ctx.cache.settings()).name;
    const res = await asMember.form("/admin/settings", { name: "Taken over", description: "", defaultLocale: "en", theme: "support" });
    expect(res.statusCode).toBe(403);
    expect((await t.ctx.cache.settings()).name).toBe(before);
    expect((await asMember.form("/admin/users/1/suspend", { until: "2999-01-01" })).statusCode).toBe(403);
    expect((await new Client(t.server).form("/admin/groups", { name: "Anonymous group" })).statusCode).toBe(303);
    expect(await t.ctx.db.selectFrom("groups").select("id").where("name", "=", "Anonymous group").executeTakeFirst()).toBeUndefined();
  });

  it("is in Japanese for Japanese readers", async () => {
    const ja = new Client(t.server, { "accept-language": "ja" });
    await ja.login("admin", PASSWORD);
    const res = await ja.get("/admin");
    expect(res.body).toContain('<html lang="ja"');
    expect(res.body).toContain("ダッシュボード");
    expect(res.body).toContain("今日の新規投稿");
    expect((await ja.get("/admin/categories")).body).toContain("新しいカテゴリ");
  });

  it("shows the dashboard numbers, mail mode and job health", async () => {
    const res = await asAdmin.get("/admin");
    expect(res.body).toContain("New posts today");
    expect(res.body).toMatch(/admin-stat-value">\d+<\/span><span class="admin-stat-label">Members/);
    expect(res.body).toContain("Mail is saved as files on the server instead of being sent.");
    expect(res.body).toMatch(/\d+ failed/);
  });

  it("lists stored mail and shows a message as escaped plain text", async () => {
    const list = await asAdmin.get("/admin/mail");
    expect(list.body).toContain("hanako@example.com");
    expect(list.body).toContain("ようこそ &lt;b>Hiroba&lt;/b>");
    const file = /href="\/admin\/mail\/([^"]+)"/.exec(list.body)![1];
    const one = await asAdmin.get(`/admin/mail/${file}`);
    expect(one.body).toContain("Hello &lt;script>alert(1)&lt;/script>");
    expect(one.body).not.toContain("<script>alert(1)");
    expect((await asAdmin.get("/admin/mail/..%2F..%2Fetc%2Fpasswd")).statusCode).toBe(404);
  });
});

describe("the admin area with SMTP", () => {
  let s: TestApp;
  beforeAll(async () => {
    s = await testApp({ env: { SMTP_URL: "smtp://127.0.0.1:2525" } });
  });
  afterAll(() => s.close());

  it("explains that mail goes out through SMTP", async () => {
    const c = new Client(s.server, { "accept-language": "en" });
    await c.login("admin", PASSWORD);
    const res = await c.get("/admin/mail");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Mail is sent through the SMTP server set in SMTP_URL");
  });
});
