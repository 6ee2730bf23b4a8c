import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, testApp } from "../../../test/harness.js";
import { PASSWORD, makeCategory, makeTopic, makeUser } from "../../../test/factories.js";
import { actorOf, auditRows } from "../../../test/audit.js";
import { createApiKey } from "../../domain/accounts/commands/createApiKey.js";
import type { UserActor } from "../../domain/actor.js";

let t: TestApp;
let admin: UserActor;
let api: Client;
let asMember: Client;
beforeAll(async () => {
  t = await testApp();
  admin = await actorOf(t.ctx, t.adminId);
  const key = await createApiKey(t.ctx, admin, { userId: admin.id, description: "tests" });
  if (!key.ok) throw new Error("key");
  api = new Client(t.server, { authorization: `Bearer ${key.value.key}` });
  const member = await makeUser(t.ctx);
  asMember = new Client(t.server);
  await asMember.login(member.username, PASSWORD);
});
afterAll(() => t.close());

describe("PATCH /api/v1/categories/:id", () => {
  it("edits the given fields only, for admins", async () => {
    const c = await makeCategory(t.ctx, { name: "Before" });
    const res = await api.json("PATCH", `/api/v1/categories/${c.id}`, { name: "After", color: "#112233" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: c.id, slug: c.slug, url: `/c/${c.slug}` });
    const cats = (await new Client(t.server).json("GET", "/api/v1/categories")).json().categories;
    expect(cats.find((x: { id: number }) => x.id === c.id)).toMatchObject({ name: "After", color: "#112233", slug: c.slug });
    expect((await auditRows(t.ctx, "category.update", c.id))[0].actorId).toBe(admin.id);
  });

  it("answers 401, 403, 400, 404 and 409 with the error shape", async () => {
    const c = await makeCategory(t.ctx);
    const other = await makeCategory(t.ctx);
    expect((await new Client(t.server).json("PATCH", `/api/v1/categories/${c.id}`, { name: "X" })).statusCode).toBe(401);
    expect((await asMember.json("PATCH", `/api/v1/categories/${c.id}`, { name: "X" })).statusCode).toBe(403);
    const bad = await api.json("PATCH", `/api/v1/categories/${c.id}`, { color: "blue" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: "invalid", fields: { color: "Use a colour like #3366ff." } } });
    expect((await api.json("PATCH", "/api/v1/categories/99999999", { name: "X" })).json()).toMatchObject({ error: { code: "not_found" } });
    const taken = await api.json("PATCH", `/api/v1/categories/${c.id}`, { slug: other.slug });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields.slug).toBe("Another category already uses this slug.");
  });

  it("works with a session and the CSRF header, as the browser sends it", async () => {
    const c = await makeCategory(t.ctx);
    const browser = new Client(t.server);
    await browser.login("admin", PASSWORD);
    const res = await browser.json("PATCH", `/api/v1/categories/${c.id}`, { parentId: null, position: 3 });
    expect(res.statusCode).toBe(200);
  });
});

describe("DELETE /api/v1/categories/:id", () => {
  it("refuses a category with topics unless told where they go, then moves them", async () => {
    const from = await makeCategory(t.ctx);
    const to = await makeCategory(t.ctx);
    const topic = await makeTopic(t.ctx, admin, { categoryId: from.id });
    expect((await asMember.json("DELETE", `/api/v1/categories/${from.id}`)).statusCode).toBe(403);
    const refused = await api.json("DELETE", `/api/v1/categories/${from.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe("This category still holds 1 topic. Move it to another category to delete this one.");
    const res = await api.json("DELETE", `/api/v1/categories/${from.id}?moveTopicsTo=${to.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: from.id, deleted: true, movedTopics: 1 });
    expect((await api.json("GET", `/api/v1/topics/${topic.id}`)).json().category.id).toBe(to.id);
    expect((await api.json("DELETE", `/api/v1/categories/${from.id}`)).statusCode).toBe(404);
  });
});

describe("PUT /api/v1/categories/:id/permissions", () => {
  it("replaces the permissions and hides the category from those left out", async () => {
    const c = await makeCategory(t.ctx);
    const g = (await t.ctx.cache.groups()).builtin;
    expect((await new Client(t.server).json("PUT", `/api/v1/categories/${c.id}/permissions`, { permissions: [] })).statusCode).toBe(401);
    expect((await asMember.json("PUT", `/api/v1/categories/${c.id}/permissions`, { permissions: [] })).statusCode).toBe(403);
    const bad = await api.json("PUT", `/api/v1/categories/${c.id}/permissions`, { permissions: [{ groupId: 99999, level: "see" }] });
    expect(bad.statusCode).toBe(400);
    expect((await api.json("PUT", "/api/v1/categories/99999999/permissions", { permissions: [] })).statusCode).toBe(404);
    const res = await api.json("PUT", `/api/v1/categories/${c.id}/permissions`, { permissions: [{ groupId: g.staff, level: "create" }] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: c.id, public: false, permissions: [{ groupId: g.staff, group: "staff", level: "create" }] });
    const seen = (await asMember.json("GET", "/api/v1/categories")).json().categories.map((x: { id: number }) => x.id);
    expect(seen).not.toContain(c.id);
    const adminSees = (await api.json("GET", "/api/v1/categories")).json().categories.find((x: { id: number }) => x.id === c.id);
    expect(adminSees).toMatchObject({ restricted: true });
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = (await t.server.inject("/api/openapi.json")).json();
    expect(doc.paths["/api/v1/categories/{id}"].patch).toBeTruthy();
    expect(doc.paths["/api/v1/categories/{id}"].delete).toBeTruthy();
    expect(doc.paths["/api/v1/categories/{id}/permissions"].put).toBeTruthy();
  });
});
