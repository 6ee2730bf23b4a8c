import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, testApp } from "../../../../test/harness.js";
import { PASSWORD, makeCategory, makeTopic, makeUser } from "../../../../test/factories.js";
import { actorOf } from "../../../../test/audit.js";
import { findUserById } from "../../../domain/accounts/repo.js";
import type { UserActor } from "../../../domain/actor.js";

let t: TestApp;
let admin: UserActor;
let c: Client;
beforeAll(async () => {
  t = await testApp();
  admin = await actorOf(t.ctx, t.adminId);
  c = new Client(t.server, { "accept-language": "en" });
  await c.login("admin", PASSWORD);
});
afterAll(() => t.close());

/** Follows a 303 and returns the page it leads to (with its one-shot message). */
async function follow(res: { statusCode: number; headers: Record<string, unknown> }) {
  expect(res.statusCode).toBe(303);
  return c.get(String(res.headers.location));
}

describe("admin forms", () => {
  it("settings: keep the input on errors, then save and show the new name", async () => {
    const bad = await c.form("/admin/settings", { name: "", description: "まだ下書きの説明", defaultLocale: "ja", theme: "social" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("まだ下書きの説明");
    expect(bad.body).toContain("This field is required.");
    expect(bad.body).toMatch(/value="social" checked/);
    const page = await follow(await c.form("/admin/settings", { name: "ひろば サポート", description: "", defaultLocale: "en", theme: "support" }));
    expect(page.body).toContain("Settings saved.");
    expect(page.body).toContain('value="ひろば サポート"');
    expect((await c.get("/")).body).toContain("ひろば サポート");
  });

  it("categories: create with errors kept, edit, reorder without JavaScript, set permissions and delete", async () => {
    const bad = await c.form("/admin/categories", { name: "Billing", slug: "Not A Slug", description: "Invoices and plans", color: "#22aa55", parentId: "", position: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="Billing"');
    expect(bad.body).toContain("Invoices and plans");
    expect(bad.body).toContain("Use lower-case letters, numbers and hyphens.");
    const created = await c.form("/admin/categories", { name: "Billing", slug: "", description: "Invoices and plans", color: "#22aa55", parentId: "", position: "" });
    expect(created.statusCode).toBe(303);
    const edit = await follow(created);
    expect(edit.body).toContain("Category created.");
    expect(edit.body).toContain('type="color"');
    const id = Number(String(created.headers.location).split("/").pop());

    const other = await makeCategory(t.ctx);
    const taken = await c.form(`/admin/categories/${id}`, { name: "Billing & plans", slug: other.slug, description: "", color: "#22aa55", parentId: "", position: "0" });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain("Billing &amp; plans");
    expect(taken.body).toContain("Another category already uses this slug.");

    const list = await c.get("/admin/categories");
    expect(list.body).toContain(`action="/admin/categories/${id}/move"`);
    expect((await c.form(`/admin/categories/${id}/move`, { direction: "up" })).headers.location).toBe("/admin/categories");
    const order = (await t.ctx.cache.categories()).roots().map((x) => x.id);
    expect(order.indexOf(id)).toBeLessThan(order.indexOf(other.id));

    const groups = (await t.ctx.cache.groups()).builtin;
    const badPerms = await c.form(`/admin/categories/${id}/permissions`, { [`level_${groups.staff}`]: "create", level_99999: "see" });
    expect(badPerms.statusCode).toBe(400);
    expect(badPerms.body).toMatch(new RegExp(`name="level_${groups.staff}">(?:(?!</select>).)*<option value="create" selected>`));
    expect(badPerms.body).toContain("One of the groups does not exist any more.");
    const perms = await follow(await c.form(`/admin/categories/${id}/permissions`, { [`level_${groups.staff}`]: "create", [`level_${groups.everyone}`]: "" }));
    expect(perms.body).toContain("Permissions saved.");
    expect((await t.ctx.cache.categories()).byId.get(id)?.permissions).toEqual([{ groupId: groups.staff, level: "create" }]);

    await makeTopic(t.ctx, admin, { categoryId: id });
    const refused = await c.form(`/admin/categories/${id}/delete`, { moveTopicsTo: "" });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("This category still holds 1 topic.");
    const deleted = await follow(await c.form(`/admin/categories/${id}/delete`, { moveTopicsTo: String(other.id) }));
    expect(deleted.body).toContain("Category deleted.");
    expect((await c.get(`/admin/categories/${id}`)).statusCode).toBe(404);
  });

  it("groups: keep the input on a taken name, add and remove members by username", async () => {
    const taken = await c.form("/admin/groups", { name: "Moderators", description: "Our own mods" });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain("Our own mods");
    expect(taken.body).toContain("A group with this name already exists.");
    const created = await c.form("/admin/groups", { name: "VIP customers", description: "" });
    const page = await follow(created);
    expect(page.body).toContain("Group created.");
    const path = String(created.headers.location);
    const user = await makeUser(t.ctx);
    const unknown = await c.form(`${path}/members`, { username: "no_such_person" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('value="no_such_person"');
    expect(unknown.body).toContain("No such user.");
    const added = await follow(await c.form(`${path}/members`, { username: user.username }));
    expect(added.body).toContain(`@${user.username}`);
    const removed = await follow(await c.form(`${path}/members/${user.id}/remove`, {}));
    expect(removed.body).toContain("Member removed.");
    const builtin = (await t.ctx.cache.groups()).builtin.admins;
    expect((await c.get(`/admin/groups/${builtin}`)).body).toContain("Built-in groups cannot be changed.");
  });

  it("tags: keep a bad new name next to its tag, then rename, merge and delete", async () => {
    const cat = await makeCategory(t.ctx);
    await makeTopic(t.ctx, admin, { categoryId: cat.id, tags: ["printer", "printers"] });
    const id = (await t.ctx.db.selectFrom("tags").select("id").where("name", "=", "printers").executeTakeFirstOrThrow()).id;
    const bad = await c.form(`/admin/tags/${id}/rename`, { name: "bad name!", back: "/admin/tags?q=print" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="bad name!"');
    expect(bad.body).toContain("Tags use letters, numbers and - _ . + only.");
    const merged = await c.form(`/admin/tags/${id}/rename`, { name: "Printer", back: "/admin/tags?q=print" });
    expect(merged.headers.location).toBe("/admin/tags?q=print");
    expect((await follow(merged)).body).toContain("Tags merged.");
    const printer = (await t.ctx.db.selectFrom("tags").select(["id", "topic_count"]).where("name", "=", "printer").executeTakeFirstOrThrow());
    expect(printer.topic_count).toBe(1);
    expect((await follow(await c.form(`/admin/tags/${printer.id}/delete`, { back: "/admin/tags" }))).body).toContain("Tag deleted.");
  });

  it("users: create with errors kept (but never the password), search, edit, suspend and verify", async () => {
    const existing = await makeUser(t.ctx, { verified: false });
    const dup = await c.form("/admin/users", { username: existing.username, email: "fresh@example.com", name: "山田 花子", password: "secret-password-1", role: "moderator", staff: "on", emailVerified: "on" });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain("This username is taken.");
    expect(dup.body).toContain('value="fresh@example.com"');
    expect(dup.body).toContain('value="山田 花子"');
    expect(dup.body).toMatch(/value="moderator" selected/);
    expect(dup.body).not.toContain("secret-password-1");
    const created = await c.form("/admin/users", { username: "hanako", email: "hanako@example.com", name: "山田 花子", password: "secret-password-1", role: "member", staff: "on", emailVerified: "on" });
    const userPage = await follow(created);
    expect(userPage.body).toContain("User created.");
    expect((await c.get("/admin/users?q=HANAKO@")).body).toContain('href="/admin/users/');
    expect((await c.get("/admin/users?q=zzz-nobody")).body).toContain("No users found.");

    const path = `/admin/users/${existing.id}`;
    const saved = await follow(await c.form(path, { role: "member", staff: "on", title: "Support Engineer" }));
    expect(saved.body).toContain("User saved.");
    expect((await findUserById(t.ctx.db, existing.id))?.title).toBe("Support Engineer");

    const past = await c.form(`${path}/suspend`, { until: "2001-01-01", reason: "Spam links" });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain("Spam links");
    expect(past.body).toContain("Choose a date in the future.");
    const suspended = await follow(await c.form(`${path}/suspend`, { until: "2999-12-31", reason: "Spam links" }));
    expect(suspended.body).toContain("Suspended until");
    expect((await follow(await c.form(`${path}/unsuspend`, {}))).body).toContain("Suspension lifted.");
    expect((await follow(await c.form(`${path}/verify-email`, {}))).body).toContain("The email address is verified.");

    const self = await c.get(`/admin/users/${admin.id}`);
    expect(self.body).toContain("You cannot suspend your own account.");
    const demote = await c.form(`/admin/users/${admin.id}`, { role: "member", staff: "on", title: "" });
    expect(demote.statusCode).toBe(409);
    expect(demote.body).toContain("The community needs at least one administrator");
  });

  it("API keys: show a new key once, never again, and revoke it", async () => {
    const user = await makeUser(t.ctx);
    const unknown = await c.form("/admin/api-keys", { username: "ghost", description: "Zapier" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('value="Zapier"');
    const res = await c.form("/admin/api-keys", { username: user.username, description: "Zapier" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const key = /value="(hb_[\w-]+)"/.exec(res.body)![1];
    expect(res.body).toContain("It is shown only this once");
    const list = await c.get("/admin/api-keys");
    expect(list.body).toContain(key.slice(0, 10));
    expect(list.body).not.toContain(key);
    expect((await new Client(t.server, { authorization: `Bearer ${key}` }).json("GET", "/api/v1/categories")).statusCode).toBe(200);
    const id = Number(/action="\/admin\/api-keys\/(\d+)\/revoke"/.exec(list.body)![1]);
    expect((await follow(await c.form(`/admin/api-keys/${id}/revoke`, {}))).body).toContain("API key revoked.");
    expect((await c.form(`/admin/api-keys/${id}/revoke`, {})).statusCode).toBe(409);
  });

  it("jobs: retry a failed job from the page", async () => {
    const now = new Date();
    const job = await t.ctx.db
      .insertInto("jobs")
      .values({ kind: "mail.send", payload: "{}", status: "failed", attempts: 5, max_attempts: 5, run_at: now, created_at: now, finished_at: now, last_error: "Error: <connection refused>" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const page = await c.get("/admin/jobs");
    expect(page.body).toContain("Error: &lt;connection refused>");
    expect(page.body).toContain(`action="/admin/jobs/${job.id}/retry"`);
    expect((await follow(await c.form(`/admin/jobs/${job.id}/retry`, {}))).body).toContain("The job will run again shortly.");
    expect((await c.form(`/admin/jobs/${job.id}/retry`, {})).statusCode).toBe(409);
  });

  it("audit log: describes what happened in words, newest first, in both languages", async () => {
    const en = await c.get("/admin/audit");
    expect(en.body).toContain("Changed the site settings");
    expect(en.body).toContain("Created group VIP customers");
    expect(en.body).toContain("Merged tag #printers into #printer");
    expect(en.body).toMatch(/Suspended @user_\w+ until Jan 1, 3000, 12:00\s?AM \(UTC\)/);
    expect(en.body.indexOf("Retried job")).toBeLessThan(en.body.indexOf("Changed the site settings"));
    const ja = new Client(t.server, { "accept-language": "ja" });
    await ja.login("admin", PASSWORD);
    const body = (await ja.get("/admin/audit")).body;
    expect(body).toContain("サイト設定を変更しました");
    expect(body).toContain("グループ「VIP customers」を作成しました");
  });
});
