import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../../../test/harness.js";
import { makeCategory, makeTopic, makeUser } from "../../../../test/factories.js";
import { actorOf, auditRows } from "../../../../test/audit.js";
import { anonymous, type UserActor } from "../../actor.js";
import { deleteCategory } from "./deleteCategory.js";
import { reorderCategory } from "./reorderCategory.js";
import { setCategoryPermissions } from "./setCategoryPermissions.js";
import { updateCategory } from "./updateCategory.js";
import { updateSettings } from "./updateSettings.js";

let t: TestApp;
let admin: UserActor;
let member: UserActor;
beforeAll(async () => {
  t = await testApp();
  admin = await actorOf(t.ctx, t.adminId);
  member = await makeUser(t.ctx);
});
afterAll(() => t.close());

const row = (id: number) => t.ctx.db.selectFrom("categories").selectAll().where("id", "=", id).executeTakeFirst();

describe("updateSettings", () => {
  const valid = { name: "サポート広場", description: "製品の質問はこちら", defaultLocale: "ja", theme: "bbs" };

  it("refuses visitors and members", async () => {
    expect(await updateSettings(t.ctx, anonymous, valid)).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await updateSettings(t.ctx, member, valid)).toMatchObject({ ok: false, code: "forbidden" });
    expect((await t.ctx.cache.settings()).name).toBe("Test Community");
  });

  it("rejects an empty name and an unknown theme", async () => {
    const res = await updateSettings(t.ctx, admin, { ...valid, name: " ", theme: "neon" });
    expect(res).toMatchObject({ ok: false, code: "invalid", fields: { name: { key: "validation.required" }, theme: { key: "validation.choice" } } });
  });

  it("saves, refreshes the cache and records what changed", async () => {
    const before = await t.ctx.cache.settings();
    const res = await updateSettings(t.ctx, admin, valid);
    expect(res).toEqual({ ok: true, value: { changed: ["name", "description", "defaultLocale", "theme"] } });
    const stored = await t.ctx.db.selectFrom("site_settings").select(["key", "value"]).where("key", "in", ["name", "theme"]).execute();
    expect(Object.fromEntries(stored.map((r) => [r.key, JSON.parse(String(r.value))]))).toEqual({ name: "サポート広場", theme: "bbs" });
    expect(await t.ctx.cache.settings()).toMatchObject(valid);
    const [entry] = await auditRows(t.ctx, "settings.update", null);
    expect(entry.actorId).toBe(admin.id);
    expect(entry.data.changes).toMatchObject({ name: { from: before.name, to: "サポート広場" }, theme: { from: before.theme, to: "bbs" } });
    // Saving the same values again changes and records nothing.
    expect(await updateSettings(t.ctx, admin, valid)).toEqual({ ok: true, value: { changed: [] } });
    expect(await auditRows(t.ctx, "settings.update", null)).toHaveLength(1);
  });
});

describe("updateCategory", () => {
  it("refuses visitors and members", async () => {
    const c = await makeCategory(t.ctx);
    expect(await updateCategory(t.ctx, anonymous, { id: c.id, name: "X" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await updateCategory(t.ctx, member, { id: c.id, name: "X" })).toMatchObject({ ok: false, code: "forbidden" });
    expect((await row(c.id))?.name).not.toBe("X");
  });

  it("rejects bad input, unknown categories and a slug in use", async () => {
    const a = await makeCategory(t.ctx);
    const b = await makeCategory(t.ctx);
    expect(await updateCategory(t.ctx, admin, { id: a.id, color: "red", slug: "Bad Slug!" })).toMatchObject({
      ok: false,
      code: "invalid",
      fields: { color: { key: "validation.colorFormat" }, slug: { key: "validation.slugFormat" } },
    });
    expect(await updateCategory(t.ctx, admin, { id: 99999999, name: "X" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await updateCategory(t.ctx, admin, { id: a.id, slug: b.slug })).toMatchObject({ ok: false, code: "conflict", fields: { slug: { key: "validation.slugTaken" } } });
    expect((await row(a.id))?.slug).toBe(a.slug);
  });

  it("keeps sub-categories one level deep", async () => {
    const top = await makeCategory(t.ctx);
    const child = await makeCategory(t.ctx, { parentId: top.id });
    const other = await makeCategory(t.ctx);
    expect(await updateCategory(t.ctx, admin, { id: other.id, parentId: child.id })).toMatchObject({ code: "invalid", fields: { parentId: { key: "validation.parentNotTopLevel" } } });
    expect(await updateCategory(t.ctx, admin, { id: top.id, parentId: other.id })).toMatchObject({ code: "invalid", fields: { parentId: { key: "admin:validation.hasChildren" } } });
    expect(await updateCategory(t.ctx, admin, { id: other.id, parentId: other.id })).toMatchObject({ code: "invalid", fields: { parentId: { key: "admin:validation.parentSelf" } } });
    expect(await updateCategory(t.ctx, admin, { id: other.id, parentId: 99999999 })).toMatchObject({ code: "invalid", fields: { parentId: { key: "validation.unknownCategory" } } });
  });

  it("saves every field, invalidates the cache and records the changes", async () => {
    const top = await makeCategory(t.ctx);
    const c = await makeCategory(t.ctx, { name: "Old name" });
    await t.ctx.cache.categories();
    const res = await updateCategory(t.ctx, admin, { id: String(c.id), name: "製品の質問", slug: `faq-${c.id}`, description: "よくある質問", color: "#FF8800", parentId: String(top.id), position: "7" });
    expect(res).toEqual({ ok: true, value: { id: c.id, slug: `faq-${c.id}` } });
    expect(await row(c.id)).toMatchObject({ name: "製品の質問", slug: `faq-${c.id}`, description: "よくある質問", color: "#FF8800", parent_id: top.id, position: 7 });
    const cached = (await t.ctx.cache.categories()).byId.get(c.id);
    expect(cached).toMatchObject({ name: "製品の質問", parentId: top.id });
    const [entry] = await auditRows(t.ctx, "category.update", c.id);
    expect(entry).toMatchObject({ actorId: admin.id, targetType: "category", data: { name: "製品の質問", changes: { name: { from: "Old name", to: "製品の質問" }, parentId: { from: null, to: top.id } } } });
    // Back to the top level with an empty parent (as the form sends it).
    expect(await updateCategory(t.ctx, admin, { id: c.id, parentId: "" })).toMatchObject({ ok: true });
    expect((await row(c.id))?.parent_id).toBeNull();
  });
});

describe("reorderCategory", () => {
  it("refuses visitors and members, bad directions and unknown categories", async () => {
    const c = await makeCategory(t.ctx);
    expect(await reorderCategory(t.ctx, anonymous, { id: c.id, direction: "up" })).toMatchObject({ code: "unauthenticated" });
    expect(await reorderCategory(t.ctx, member, { id: c.id, direction: "up" })).toMatchObject({ code: "forbidden" });
    expect(await reorderCategory(t.ctx, admin, { id: c.id, direction: "sideways" })).toMatchObject({ code: "invalid", fields: { direction: { key: "validation.choice" } } });
    expect(await reorderCategory(t.ctx, admin, { id: 99999999, direction: "up" })).toMatchObject({ code: "not_found" });
  });

  it("swaps a sub-category with its neighbour, renumbering the siblings", async () => {
    const top = await makeCategory(t.ctx);
    const a = await makeCategory(t.ctx, { parentId: top.id });
    const b = await makeCategory(t.ctx, { parentId: top.id });
    const c = await makeCategory(t.ctx, { parentId: top.id });
    expect(await reorderCategory(t.ctx, admin, { id: c.id, direction: "up" })).toEqual({ ok: true, value: { moved: true } });
    const order = (await t.ctx.cache.categories()).children(top.id).map((x) => x.id);
    expect(order).toEqual([a.id, c.id, b.id]);
    expect([(await row(a.id))?.position, (await row(c.id))?.position, (await row(b.id))?.position]).toEqual([0, 1, 2]);
    expect((await auditRows(t.ctx, "category.reorder", c.id))[0]).toMatchObject({ actorId: admin.id, data: { direction: "up" } });
    // The first cannot go further up: nothing changes, nothing is recorded.
    expect(await reorderCategory(t.ctx, admin, { id: a.id, direction: "up" })).toEqual({ ok: true, value: { moved: false } });
    expect(await auditRows(t.ctx, "category.reorder", a.id)).toHaveLength(0);
  });
});

describe("deleteCategory", () => {
  it("refuses visitors and members", async () => {
    const c = await makeCategory(t.ctx);
    expect(await deleteCategory(t.ctx, anonymous, { id: c.id })).toMatchObject({ code: "unauthenticated" });
    expect(await deleteCategory(t.ctx, member, { id: c.id })).toMatchObject({ code: "forbidden" });
    expect(await row(c.id)).toBeTruthy();
  });

  it("rejects unknown categories and destinations", async () => {
    const c = await makeCategory(t.ctx);
    expect(await deleteCategory(t.ctx, admin, { id: 99999999 })).toMatchObject({ code: "not_found" });
    expect(await deleteCategory(t.ctx, admin, { id: c.id, moveTopicsTo: c.id })).toMatchObject({ code: "invalid", fields: { moveTopicsTo: { key: "admin:validation.moveToSelf" } } });
    expect(await deleteCategory(t.ctx, admin, { id: c.id, moveTopicsTo: 99999999 })).toMatchObject({ code: "invalid", fields: { moveTopicsTo: { key: "validation.unknownCategory" } } });
    expect(await deleteCategory(t.ctx, admin, { id: "abc" })).toMatchObject({ code: "invalid" });
  });

  it("keeps a category with sub-categories or topics, saying why", async () => {
    const top = await makeCategory(t.ctx);
    await makeCategory(t.ctx, { parentId: top.id });
    expect(await deleteCategory(t.ctx, admin, { id: top.id })).toMatchObject({ code: "conflict", messageKey: "admin:categories.deleteHasChildren" });
    const full = await makeCategory(t.ctx);
    await makeTopic(t.ctx, member, { categoryId: full.id });
    expect(await deleteCategory(t.ctx, admin, { id: full.id })).toMatchObject({ code: "conflict", messageKey: "admin:categories.deleteNotEmpty", params: { count: 1 } });
    expect(await row(top.id)).toBeTruthy();
    expect(await row(full.id)).toBeTruthy();
  });

  it("deletes an empty category with its permissions", async () => {
    const c = await makeCategory(t.ctx, { name: "Empty one" });
    const groups = await t.ctx.cache.groups();
    await setCategoryPermissions(t.ctx, admin, { id: c.id, permissions: [{ groupId: groups.builtin.staff, level: "create" }] });
    expect(await deleteCategory(t.ctx, admin, { id: c.id })).toEqual({ ok: true, value: { movedTopics: 0 } });
    expect(await row(c.id)).toBeUndefined();
    expect(await t.ctx.db.selectFrom("category_permissions").select("group_id").where("category_id", "=", c.id).execute()).toEqual([]);
    expect((await t.ctx.cache.categories()).byId.has(c.id)).toBe(false);
    expect((await auditRows(t.ctx, "category.delete", c.id))[0]).toMatchObject({ actorId: admin.id, data: { name: "Empty one", movedTopics: 0 } });
  });

  it("moves the topics and their counts to another category first", async () => {
    const from = await makeCategory(t.ctx);
    const to = await makeCategory(t.ctx);
    const t1 = await makeTopic(t.ctx, member, { categoryId: from.id });
    const t2 = await makeTopic(t.ctx, member, { categoryId: from.id });
    await makeTopic(t.ctx, member, { categoryId: to.id });
    const res = await deleteCategory(t.ctx, admin, { id: from.id, moveTopicsTo: String(to.id) });
    expect(res).toEqual({ ok: true, value: { movedTopics: 2 } });
    const moved = await t.ctx.db.selectFrom("topics").select(["id", "category_id"]).where("id", "in", [t1.id, t2.id]).execute();
    expect(moved.every((m) => m.category_id === to.id)).toBe(true);
    expect(await row(to.id)).toMatchObject({ topic_count: 3, post_count: 3 });
    expect(await row(from.id)).toBeUndefined();
    expect((await auditRows(t.ctx, "category.delete", from.id))[0].data).toMatchObject({ movedTopics: 2, movedTo: to.id });
  });
});

describe("setCategoryPermissions", () => {
  it("refuses visitors and members", async () => {
    const c = await makeCategory(t.ctx);
    expect(await setCategoryPermissions(t.ctx, anonymous, { id: c.id, permissions: [] })).toMatchObject({ code: "unauthenticated" });
    expect(await setCategoryPermissions(t.ctx, member, { id: c.id, permissions: [] })).toMatchObject({ code: "forbidden" });
  });

  it("rejects unknown categories, unknown or repeated groups and unknown levels", async () => {
    const c = await makeCategory(t.ctx);
    const staff = (await t.ctx.cache.groups()).builtin.staff;
    expect(await setCategoryPermissions(t.ctx, admin, { id: 99999999, permissions: [] })).toMatchObject({ code: "not_found" });
    expect(await setCategoryPermissions(t.ctx, admin, { id: c.id, permissions: [{ groupId: 99999, level: "see" }] })).toMatchObject({ code: "invalid", fields: { permissions: { key: "admin:validation.unknownGroup" } } });
    expect(
      await setCategoryPermissions(t.ctx, admin, { id: c.id, permissions: [{ groupId: staff, level: "see" }, { groupId: staff, level: "create" }] }),
    ).toMatchObject({ code: "invalid", fields: { permissions: { key: "admin:validation.groupRepeated" } } });
    expect(await setCategoryPermissions(t.ctx, admin, { id: c.id, permissions: [{ groupId: staff, level: "own" }] })).toMatchObject({ code: "invalid" });
    expect(await t.ctx.db.selectFrom("category_permissions").select("group_id").where("category_id", "=", c.id).execute()).toEqual([]);
  });

  it("replaces the rows, refreshes the cache and records before and after", async () => {
    const c = await makeCategory(t.ctx);
    const g = (await t.ctx.cache.groups()).builtin;
    await setCategoryPermissions(t.ctx, admin, { id: c.id, permissions: [{ groupId: g.everyone, level: "see" }] });
    const res = await setCategoryPermissions(t.ctx, admin, { id: c.id, permissions: [{ groupId: String(g.staff), level: "create" }, { groupId: g.members, level: "reply" }] });
    expect(res.ok).toBe(true);
    const rows = await t.ctx.db.selectFrom("category_permissions").select(["group_id", "level"]).where("category_id", "=", c.id).orderBy("group_id").execute();
    expect(rows).toEqual([
      { group_id: g.members, level: "reply" },
      { group_id: g.staff, level: "create" },
    ]);
    expect((await t.ctx.cache.categories()).byId.get(c.id)?.permissions).toHaveLength(2);
    expect((await auditRows(t.ctx, "category.permissions", c.id))[0].data).toMatchObject({
      before: [{ group: "everyone", level: "see" }],
      after: [
        { group: "staff", level: "create" },
        { group: "members", level: "reply" },
      ],
    });
    expect(await setCategoryPermissions(t.ctx, admin, { id: c.id, permissions: [] })).toMatchObject({ ok: true });
    expect((await t.ctx.cache.categories()).byId.get(c.id)?.permissions).toEqual([]);
  });
});
