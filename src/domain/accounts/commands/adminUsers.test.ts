import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, testApp } from "../../../../test/harness.js";
import { PASSWORD, makeCategory, makeUser } from "../../../../test/factories.js";
import { actorOf, auditRows } from "../../../../test/audit.js";
import { createTopic } from "../../content/commands/createTopic.js";
import { anonymous, type UserActor } from "../../actor.js";
import { findUserById } from "../repo.js";
import { createApiKey } from "./createApiKey.js";
import { createUser } from "./createUser.js";
import { revokeApiKey } from "./revokeApiKey.js";
import { suspendUser } from "./suspendUser.js";
import { unsuspendUser } from "./unsuspendUser.js";
import { updateUser } from "./updateUser.js";
import { verifyUserEmail } from "./verifyUserEmail.js";

let t: TestApp;
let admin: UserActor;
let member: UserActor;
const DAY = 86400_000;
const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString().slice(0, 10);
beforeAll(async () => {
  t = await testApp();
  admin = await actorOf(t.ctx, t.adminId);
  member = await makeUser(t.ctx);
});
afterAll(() => t.close());

const user = (id: number) => findUserById(t.ctx.db, id);
const sessions = async (id: number) => (await t.ctx.db.selectFrom("sessions").select("id").where("user_id", "=", id).execute()).length;

describe("createUser by an admin", () => {
  it("records the new account in the audit log", async () => {
    const res = await createUser(t.ctx, admin, { username: "created_by_admin", email: "created_by_admin@example.com", password: PASSWORD, role: "moderator" });
    if (!res.ok) throw new Error("create");
    expect((await user(res.value.id))?.role).toBe("moderator");
    expect((await auditRows(t.ctx, "user.create", res.value.id))[0]).toMatchObject({ actorId: admin.id, data: { username: "created_by_admin", role: "moderator" } });
  });
});

describe("updateUser", () => {
  it("refuses visitors and members, bad input and unknown users", async () => {
    const u = await makeUser(t.ctx);
    expect(await updateUser(t.ctx, anonymous, { id: u.id, role: "admin", staff: true })).toMatchObject({ code: "unauthenticated" });
    expect(await updateUser(t.ctx, member, { id: u.id, role: "admin", staff: true })).toMatchObject({ code: "forbidden" });
    expect(await updateUser(t.ctx, admin, { id: u.id, role: "owner", title: "x".repeat(61) })).toMatchObject({
      code: "invalid",
      fields: { role: { key: "validation.choice" }, title: { key: "validation.tooLong" } },
    });
    expect(await updateUser(t.ctx, admin, { id: 99999999, role: "member" })).toMatchObject({ code: "not_found" });
    expect((await user(u.id))?.role).toBe("member");
  });

  it("sets the role, staff flag and title, and records the changes", async () => {
    const u = await makeUser(t.ctx);
    expect(await updateUser(t.ctx, admin, { id: String(u.id), role: "moderator", staff: "on", title: "サポートエンジニア" })).toEqual({ ok: true, value: { id: u.id } });
    expect(await user(u.id)).toMatchObject({ role: "moderator", staff: true, title: "サポートエンジニア" });
    expect((await auditRows(t.ctx, "user.update", u.id))[0]).toMatchObject({
      actorId: admin.id,
      data: { username: u.username, changes: { role: { from: "member", to: "moderator" }, staff: { from: false, to: true }, title: { from: "", to: "サポートエンジニア" } } },
    });
  });

  it("keeps the last admin, but lets an admin step down when another remains", async () => {
    // This file's community has one admin (from setup) until the test adds another.
    const res = await updateUser(t.ctx, admin, { id: admin.id, role: "member", staff: true });
    expect(res).toMatchObject({ code: "conflict", messageKey: "admin:users.lastAdmin" });
    expect((await user(admin.id))?.role).toBe("admin");
    const second = await makeUser(t.ctx, { role: "admin" });
    const secondActor = await actorOf(t.ctx, second.id);
    expect(await updateUser(t.ctx, secondActor, { id: second.id, role: "member" })).toMatchObject({ ok: true });
    expect((await user(second.id))?.role).toBe("member");
  });
});

describe("suspendUser and unsuspendUser", () => {
  it("refuses visitors, members, oneself, past dates and unknown users", async () => {
    const u = await makeUser(t.ctx);
    const until = inDays(3);
    expect(await suspendUser(t.ctx, anonymous, { id: u.id, until })).toMatchObject({ code: "unauthenticated" });
    expect(await suspendUser(t.ctx, member, { id: u.id, until })).toMatchObject({ code: "forbidden" });
    expect(await suspendUser(t.ctx, admin, { id: admin.id, until })).toMatchObject({ code: "forbidden", messageKey: "admin:users.cannotSuspendSelf" });
    expect(await suspendUser(t.ctx, admin, { id: u.id, until: inDays(-2) })).toMatchObject({ code: "invalid", fields: { until: { key: "admin:validation.futureDate" } } });
    expect(await suspendUser(t.ctx, admin, { id: u.id, until: "next week" })).toMatchObject({ code: "invalid", fields: { until: { key: "validation.format" } } });
    expect(await suspendUser(t.ctx, admin, { id: 99999999, until })).toMatchObject({ code: "not_found" });
    expect((await user(u.id))?.suspendedUntil).toBeNull();
  });

  it("suspends through the given day, ends every session, and blocks logging in and posting", async () => {
    const u = await makeUser(t.ctx);
    const category = await makeCategory(t.ctx);
    const c = new Client(t.server);
    await c.login(u.username, PASSWORD);
    expect(await sessions(u.id)).toBe(1);
    const day = inDays(5);
    const res = await suspendUser(t.ctx, admin, { id: u.id, until: day, reason: "スパム投稿" });
    expect(res.ok).toBe(true);
    expect((await user(u.id))?.suspendedUntil?.toISOString()).toBe(new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString());
    expect(await sessions(u.id)).toBe(0);
    expect((await auditRows(t.ctx, "user.suspend", u.id))[0]).toMatchObject({ actorId: admin.id, data: { reason: "スパム投稿" } });
    // The old cookie no longer signs anyone in, and logging in again is refused.
    expect((await c.get("/new-topic")).statusCode).toBe(303);
    const login = await new Client(t.server).form("/login", { login: u.username, password: PASSWORD, next: "/" });
    expect(login.statusCode).toBe(403);
    expect(login.body).toContain("This account is suspended.");
    // Whatever still acts for them (an API key) cannot post.
    const suspendedActor = await actorOf(t.ctx, u.id);
    expect(suspendedActor.suspended).toBe(true);
    expect(await createTopic(t.ctx, suspendedActor, { categoryId: category.id, title: "Still here?", body: "x" })).toMatchObject({ code: "forbidden" });
    const key = await createApiKey(t.ctx, admin, { userId: u.id });
    if (!key.ok) throw new Error("key");
    const api = await new Client(t.server, { authorization: `Bearer ${key.value.key}` }).json("POST", "/api/v1/topics", { categoryId: category.id, title: "Via the API", body: "x" });
    expect(api.statusCode).toBe(403);
  });

  it("lifts a suspension, after which the user logs in again", async () => {
    const u = await makeUser(t.ctx);
    await suspendUser(t.ctx, admin, { id: u.id, until: inDays(2) });
    expect(await unsuspendUser(t.ctx, anonymous, { id: u.id })).toMatchObject({ code: "unauthenticated" });
    expect(await unsuspendUser(t.ctx, member, { id: u.id })).toMatchObject({ code: "forbidden" });
    expect(await unsuspendUser(t.ctx, admin, { id: "me" })).toMatchObject({ code: "invalid" });
    expect(await unsuspendUser(t.ctx, admin, { id: 99999999 })).toMatchObject({ code: "not_found" });
    expect(await unsuspendUser(t.ctx, admin, { id: u.id })).toEqual({ ok: true, value: null });
    expect((await user(u.id))?.suspendedUntil).toBeNull();
    expect(await unsuspendUser(t.ctx, admin, { id: u.id })).toMatchObject({ code: "conflict", messageKey: "admin:users.notSuspended" });
    expect((await auditRows(t.ctx, "user.unsuspend", u.id))[0].actorId).toBe(admin.id);
    await new Client(t.server).login(u.username, PASSWORD);
  });
});

describe("verifyUserEmail", () => {
  it("marks an unverified address as verified once, and records it", async () => {
    const u = await makeUser(t.ctx, { verified: false });
    expect(await verifyUserEmail(t.ctx, anonymous, { id: u.id })).toMatchObject({ code: "unauthenticated" });
    expect(await verifyUserEmail(t.ctx, member, { id: u.id })).toMatchObject({ code: "forbidden" });
    expect(await verifyUserEmail(t.ctx, admin, {})).toMatchObject({ code: "invalid" });
    expect(await verifyUserEmail(t.ctx, admin, { id: 99999999 })).toMatchObject({ code: "not_found" });
    expect((await user(u.id))?.emailVerified).toBe(false);
    expect(await verifyUserEmail(t.ctx, admin, { id: u.id })).toEqual({ ok: true, value: null });
    expect((await user(u.id))?.emailVerified).toBe(true);
    expect(await verifyUserEmail(t.ctx, admin, { id: u.id })).toMatchObject({ code: "conflict" });
    expect((await auditRows(t.ctx, "user.verify_email", u.id))[0]).toMatchObject({ actorId: admin.id, data: { username: u.username } });
  });
});

describe("revokeApiKey", () => {
  it("revokes a key once, after which it authenticates nobody", async () => {
    const u = await makeUser(t.ctx);
    const key = await createApiKey(t.ctx, admin, { userId: u.id, description: "CRM" });
    if (!key.ok) throw new Error("key");
    const api = new Client(t.server, { authorization: `Bearer ${key.value.key}` });
    expect((await api.json("GET", "/api/v1/categories")).statusCode).toBe(200);
    expect(await revokeApiKey(t.ctx, anonymous, { id: key.value.id })).toMatchObject({ code: "unauthenticated" });
    expect(await revokeApiKey(t.ctx, member, { id: key.value.id })).toMatchObject({ code: "forbidden" });
    expect(await revokeApiKey(t.ctx, admin, { id: -1 })).toMatchObject({ code: "invalid" });
    expect(await revokeApiKey(t.ctx, admin, { id: 99999999 })).toMatchObject({ code: "not_found" });
    expect(await revokeApiKey(t.ctx, admin, { id: key.value.id })).toEqual({ ok: true, value: null });
    const row = await t.ctx.db.selectFrom("api_keys").select("revoked_at").where("id", "=", key.value.id).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
    expect(await revokeApiKey(t.ctx, admin, { id: key.value.id })).toMatchObject({ code: "conflict" });
    expect((await auditRows(t.ctx, "apikey.revoke", u.id))[0]).toMatchObject({ actorId: admin.id, data: { keyId: key.value.id, username: u.username } });
    // A revoked key is as good as none: a write is refused as anonymous.
    const write = await api.json("POST", "/api/v1/categories", { name: "Nope" });
    expect(write.statusCode).toBe(401);
  });
});
