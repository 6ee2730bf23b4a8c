import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../../../test/harness.js";
import { makeCategory, makeTopic, makeUser } from "../../../../test/factories.js";
import { actorOf, auditRows } from "../../../../test/audit.js";
import { anonymous, type UserActor } from "../../actor.js";
import { findTagByName, topicTags } from "../repo.js";
import { deleteTag } from "./deleteTag.js";
import { renameTag } from "./renameTag.js";

let t: TestApp;
let admin: UserActor;
let member: UserActor;
let categoryId: number;
beforeAll(async () => {
  t = await testApp();
  admin = await actorOf(t.ctx, t.adminId);
  member = await makeUser(t.ctx);
  categoryId = (await makeCategory(t.ctx)).id;
});
afterAll(() => t.close());

const unique = () => Math.random().toString(36).slice(2, 8);
async function tagId(name: string): Promise<number> {
  return (await findTagByName(t.ctx.db, name))!.id;
}

describe("renameTag", () => {
  it("refuses visitors and members, bad names and unknown tags", async () => {
    const name = `setup-${unique()}`;
    await makeTopic(t.ctx, member, { categoryId, tags: [name] });
    const id = await tagId(name);
    expect(await renameTag(t.ctx, anonymous, { id, name: "x" })).toMatchObject({ code: "unauthenticated" });
    expect(await renameTag(t.ctx, member, { id, name: "x" })).toMatchObject({ code: "forbidden" });
    expect(await renameTag(t.ctx, admin, { id, name: "two words" })).toMatchObject({ code: "invalid", fields: { name: { key: "validation.tagFormat" } } });
    expect(await renameTag(t.ctx, admin, { id: 99999999, name: "x" })).toMatchObject({ code: "not_found" });
    expect((await findTagByName(t.ctx.db, name))?.id).toBe(id);
  });

  it("renames a tag in place and records it", async () => {
    const name = `設定-${unique()}`;
    const topic = await makeTopic(t.ctx, member, { categoryId, tags: [name] });
    const id = await tagId(name);
    expect(await renameTag(t.ctx, admin, { id: String(id), name: `${name}方法` })).toEqual({ ok: true, value: { id, name: `${name}方法`, merged: false } });
    expect((await topicTags(t.ctx.db, [topic.id])).get(topic.id)).toEqual([`${name}方法`]);
    expect((await auditRows(t.ctx, "tag.rename", id))[0]).toMatchObject({ actorId: admin.id, data: { from: name, to: `${name}方法` } });
  });

  it("merges into an existing tag (ignoring case), keeping one tag per topic", async () => {
    const a = `login-${unique()}`;
    const b = `signin-${unique()}`;
    const both = await makeTopic(t.ctx, member, { categoryId, tags: [a, b] });
    const onlyA = await makeTopic(t.ctx, member, { categoryId, tags: [a] });
    const onlyB = await makeTopic(t.ctx, member, { categoryId, tags: [b] });
    const idA = await tagId(a);
    const idB = await tagId(b);
    const res = await renameTag(t.ctx, admin, { id: idA, name: b.toUpperCase() });
    expect(res).toEqual({ ok: true, value: { id: idB, name: b, merged: true } });
    const tags = await topicTags(t.ctx.db, [both.id, onlyA.id, onlyB.id]);
    expect([tags.get(both.id), tags.get(onlyA.id), tags.get(onlyB.id)]).toEqual([[b], [b], [b]]);
    expect(await findTagByName(t.ctx.db, a)).toBeNull();
    expect((await findTagByName(t.ctx.db, b))?.topicCount).toBe(3);
    expect((await auditRows(t.ctx, "tag.merge", idB))[0].data).toMatchObject({ from: a, to: b, fromId: idA });
  });
});

describe("deleteTag", () => {
  it("refuses visitors and members, bad ids and unknown tags", async () => {
    const name = `keep-${unique()}`;
    await makeTopic(t.ctx, member, { categoryId, tags: [name] });
    const id = await tagId(name);
    expect(await deleteTag(t.ctx, anonymous, { id })).toMatchObject({ code: "unauthenticated" });
    expect(await deleteTag(t.ctx, member, { id })).toMatchObject({ code: "forbidden" });
    expect(await deleteTag(t.ctx, admin, { id: "zero" })).toMatchObject({ code: "invalid" });
    expect(await deleteTag(t.ctx, admin, { id: 99999999 })).toMatchObject({ code: "not_found" });
    expect(await findTagByName(t.ctx.db, name)).toBeTruthy();
  });

  it("removes the tag from its topics, which stay, and records it", async () => {
    const name = `old-${unique()}`;
    const topic = await makeTopic(t.ctx, member, { categoryId, tags: [name, "kept"] });
    const id = await tagId(name);
    expect(await deleteTag(t.ctx, admin, { id })).toEqual({ ok: true, value: { removedFrom: 1 } });
    expect(await findTagByName(t.ctx.db, name)).toBeNull();
    expect((await topicTags(t.ctx.db, [topic.id])).get(topic.id)).toEqual(["kept"]);
    expect(await t.ctx.db.selectFrom("topics").select("id").where("id", "=", topic.id).executeTakeFirst()).toBeTruthy();
    expect((await auditRows(t.ctx, "tag.delete", id))[0]).toMatchObject({ actorId: admin.id, data: { name, removedFrom: 1 } });
  });
});
