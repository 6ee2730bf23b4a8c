import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../../../test/harness.js";
import { makeCategory, makeUser } from "../../../../test/factories.js";
import { actorOf, auditRows } from "../../../../test/audit.js";
import { findUserById } from "../../accounts/repo.js";
import { actorFor } from "../../accounts/sessions.js";
import { anonymous, type UserActor } from "../../actor.js";
import { addGroupMember } from "./addGroupMember.js";
import { createGroup } from "./createGroup.js";
import { deleteGroup } from "./deleteGroup.js";
import { removeGroupMember } from "./removeGroupMember.js";
import { setCategoryPermissions } from "./setCategoryPermissions.js";
import { updateGroup } from "./updateGroup.js";

let t: TestApp;
let admin: UserActor;
let member: UserActor;
let n = 0;
const name = () => `Beta testers ${++n}-${Date.now()}`;
beforeAll(async () => {
  t = await testApp();
  admin = await actorOf(t.ctx, t.adminId);
  member = await makeUser(t.ctx);
});
afterAll(() => t.close());

const group = (id: number) => t.ctx.db.selectFrom("groups").selectAll().where("id", "=", id).executeTakeFirst();
const members = async (id: number) => (await t.ctx.db.selectFrom("group_members").select("user_id").where("group_id", "=", id).execute()).map((r) => r.user_id);
async function made(): Promise<number> {
  const res = await createGroup(t.ctx, admin, { name: name() });
  if (!res.ok) throw new Error("group");
  return res.value.id;
}

describe("createGroup", () => {
  it("refuses visitors and members, empty names and taken names (any case)", async () => {
    expect(await createGroup(t.ctx, anonymous, { name: "X" })).toMatchObject({ code: "unauthenticated" });
    expect(await createGroup(t.ctx, member, { name: "X" })).toMatchObject({ code: "forbidden" });
    expect(await createGroup(t.ctx, admin, { name: "  " })).toMatchObject({ code: "invalid", fields: { name: { key: "validation.required" } } });
    expect(await createGroup(t.ctx, admin, { name: "STAFF" })).toMatchObject({ code: "conflict", fields: { name: { key: "admin:validation.groupNameTaken" } } });
  });

  it("creates a custom group, refreshes the cache and records it", async () => {
    const groupName = name();
    const res = await createGroup(t.ctx, admin, { name: groupName, description: "先行体験のメンバー" });
    if (!res.ok) throw new Error("create");
    expect(await group(res.value.id)).toMatchObject({ key: null, name: groupName, description: "先行体験のメンバー" });
    expect((await t.ctx.cache.groups()).byId.get(res.value.id)?.name).toBe(groupName);
    expect((await auditRows(t.ctx, "group.create", res.value.id))[0]).toMatchObject({ actorId: admin.id, data: { name: groupName } });
  });
});

describe("updateGroup", () => {
  it("refuses visitors, members and built-in groups", async () => {
    const id = await made();
    const builtin = (await t.ctx.cache.groups()).builtin.staff;
    expect(await updateGroup(t.ctx, anonymous, { id, name: "Y" })).toMatchObject({ code: "unauthenticated" });
    expect(await updateGroup(t.ctx, member, { id, name: "Y" })).toMatchObject({ code: "forbidden" });
    expect(await updateGroup(t.ctx, admin, { id: builtin, name: "Employees" })).toMatchObject({ code: "forbidden", messageKey: "admin:groups.builtinReadOnly" });
    expect((await group(builtin))?.name).toBe("staff");
  });

  it("rejects bad input, unknown groups and taken names", async () => {
    const id = await made();
    const other = await made();
    const otherName = (await group(other))!.name;
    expect(await updateGroup(t.ctx, admin, { id, name: "" })).toMatchObject({ code: "invalid" });
    expect(await updateGroup(t.ctx, admin, { id: 99999999, name: "Y" })).toMatchObject({ code: "not_found" });
    expect(await updateGroup(t.ctx, admin, { id, name: otherName.toUpperCase() })).toMatchObject({ code: "conflict" });
  });

  it("renames, refreshes the cache and records it", async () => {
    const id = await made();
    const old = (await group(id))!.name;
    expect(await updateGroup(t.ctx, admin, { id: String(id), name: `${old} (new)`, description: "renamed" })).toEqual({ ok: true, value: { id } });
    expect(await group(id)).toMatchObject({ name: `${old} (new)`, description: "renamed" });
    expect((await t.ctx.cache.groups()).byId.get(id)?.name).toBe(`${old} (new)`);
    expect((await auditRows(t.ctx, "group.update", id))[0].data).toMatchObject({ from: old, name: `${old} (new)` });
  });
});

describe("deleteGroup", () => {
  it("refuses visitors, members, built-in groups and unknown ids", async () => {
    const id = await made();
    const builtin = (await t.ctx.cache.groups()).builtin.members;
    expect(await deleteGroup(t.ctx, anonymous, { id })).toMatchObject({ code: "unauthenticated" });
    expect(await deleteGroup(t.ctx, member, { id })).toMatchObject({ code: "forbidden" });
    expect(await deleteGroup(t.ctx, admin, { id: builtin })).toMatchObject({ code: "forbidden" });
    expect(await deleteGroup(t.ctx, admin, { id: 99999999 })).toMatchObject({ code: "not_found" });
    expect(await deleteGroup(t.ctx, admin, { id: "x" })).toMatchObject({ code: "invalid" });
    expect(await group(id)).toBeTruthy();
  });

  it("will not make a category public by removing its only group", async () => {
    const id = await made();
    const c = await makeCategory(t.ctx, { name: "Beta lounge" });
    await setCategoryPermissions(t.ctx, admin, { id: c.id, permissions: [{ groupId: id, level: "create" }] });
    expect(await deleteGroup(t.ctx, admin, { id })).toMatchObject({ code: "conflict", messageKey: "admin:groups.deleteSoleGroup", params: { categories: "Beta lounge" } });
    expect(await group(id)).toBeTruthy();
    expect((await t.ctx.cache.categories()).byId.get(c.id)?.permissions).toEqual([{ groupId: id, level: "create" }]);
  });

  it("deletes a group with its memberships and permission rows", async () => {
    const id = await made();
    const c = await makeCategory(t.ctx);
    const staff = (await t.ctx.cache.groups()).builtin.staff;
    await setCategoryPermissions(t.ctx, admin, { id: c.id, permissions: [{ groupId: id, level: "see" }, { groupId: staff, level: "create" }] });
    await addGroupMember(t.ctx, admin, { groupId: id, username: member.username });
    expect(await deleteGroup(t.ctx, admin, { id })).toEqual({ ok: true, value: { id } });
    expect(await group(id)).toBeUndefined();
    expect(await members(id)).toEqual([]);
    expect((await t.ctx.cache.categories()).byId.get(c.id)?.permissions).toEqual([{ groupId: staff, level: "create" }]);
    expect((await t.ctx.cache.groups()).byId.has(id)).toBe(false);
    expect((await auditRows(t.ctx, "group.delete", id))[0].data).toMatchObject({ members: 1 });
  });
});

describe("addGroupMember and removeGroupMember", () => {
  it("refuses visitors, members, built-in groups, unknown groups and users, and repeats", async () => {
    const id = await made();
    const builtin = (await t.ctx.cache.groups()).builtin.staff;
    expect(await addGroupMember(t.ctx, anonymous, { groupId: id, username: member.username })).toMatchObject({ code: "unauthenticated" });
    expect(await addGroupMember(t.ctx, member, { groupId: id, username: member.username })).toMatchObject({ code: "forbidden" });
    expect(await addGroupMember(t.ctx, admin, { groupId: builtin, username: member.username })).toMatchObject({ code: "forbidden" });
    expect(await addGroupMember(t.ctx, admin, { groupId: id, username: "" })).toMatchObject({ code: "invalid" });
    expect(await addGroupMember(t.ctx, admin, { groupId: 99999999, username: member.username })).toMatchObject({ code: "not_found" });
    expect(await addGroupMember(t.ctx, admin, { groupId: id, username: "nobody-here" })).toMatchObject({ code: "not_found", fields: { username: { key: "validation.unknownUser" } } });
    expect(await addGroupMember(t.ctx, admin, { groupId: id, username: `@${member.username.toUpperCase()}` })).toMatchObject({ ok: true });
    expect(await addGroupMember(t.ctx, admin, { groupId: id, username: member.username })).toMatchObject({ code: "conflict", fields: { username: { key: "admin:validation.alreadyMember" } } });
    expect(await members(id)).toEqual([member.id]);
  });

  it("adds and removes a member, which changes the user's groups, and records both", async () => {
    const id = await made();
    const user = await makeUser(t.ctx);
    expect(await addGroupMember(t.ctx, admin, { groupId: id, username: user.username })).toEqual({ ok: true, value: { userId: user.id } });
    const after = await actorFor(t.ctx, (await findUserById(t.ctx.db, user.id))!);
    expect(after.groupIds).toContain(id);
    expect((await auditRows(t.ctx, "group.member_add", id))[0].data).toMatchObject({ username: user.username, userId: user.id });

    expect(await removeGroupMember(t.ctx, anonymous, { groupId: id, userId: user.id })).toMatchObject({ code: "unauthenticated" });
    expect(await removeGroupMember(t.ctx, member, { groupId: id, userId: user.id })).toMatchObject({ code: "forbidden" });
    expect(await removeGroupMember(t.ctx, admin, { groupId: id, userId: "x" })).toMatchObject({ code: "invalid" });
    expect(await removeGroupMember(t.ctx, admin, { groupId: 99999999, userId: user.id })).toMatchObject({ code: "not_found" });
    expect(await removeGroupMember(t.ctx, admin, { groupId: id, userId: user.id })).toEqual({ ok: true, value: null });
    expect(await members(id)).toEqual([]);
    expect(await removeGroupMember(t.ctx, admin, { groupId: id, userId: user.id })).toMatchObject({ code: "not_found", messageKey: "admin:groups.notMember" });
    expect((await auditRows(t.ctx, "group.member_remove", id))[0]).toMatchObject({ actorId: admin.id, data: { username: user.username } });
  });
});
