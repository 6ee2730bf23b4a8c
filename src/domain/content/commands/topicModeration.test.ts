import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous } from "../../actor.js";
import { toBool } from "../../../db/codec.js";
import { auditRows, counters, makePrivateCategory, recordEvents } from "../../../../test/content.js";
import { makeCategory, makeReply, makeTopic, makeUser } from "../../../../test/factories.js";
import { type TestApp, testApp } from "../../../../test/harness.js";
import { createPost } from "./createPost.js";
import { deleteTopic } from "./deleteTopic.js";
import { lockTopic } from "./lockTopic.js";
import { moveTopic } from "./moveTopic.js";
import { pinTopic } from "./pinTopic.js";
import { restoreTopic } from "./restoreTopic.js";

describe("staff moderation of topics", () => {
  let t: TestApp;
  let events: ReturnType<typeof recordEvents>;
  beforeAll(async () => {
    t = await testApp();
    events = recordEvents(t.ctx);
  });
  afterAll(() => t.close());

  const topicRow = (id: number) =>
    t.ctx.db.selectFrom("topics").select(["pinned", "locked", "category_id", "deleted_at", "deleted_by"]).where("id", "=", id).executeTakeFirstOrThrow();
  const actions = async (topicId: number) => (await auditRows(t.ctx, "topic", topicId)).map((r) => r.action);
  const emitted = (event: string, topicId: number) => events.some((e) => e.event === event && e.payload.topicId === topicId);

  /** The failures every staff command shares. */
  async function sharedFailures(run: (actor: Parameters<typeof pinTopic>[1], input: Record<string, unknown>) => Promise<{ ok: boolean; code?: string }>, extra: Record<string, unknown> = {}) {
    const cat = await makeCategory(t.ctx);
    const member = await makeUser(t.ctx);
    const staffOnly = await makePrivateCategory(t.ctx, "admins");
    const admin = await makeUser(t.ctx, { role: "admin" });
    const mod = await makeUser(t.ctx, { role: "moderator" });
    const topic = await makeTopic(t.ctx, member, { categoryId: cat.id });
    const hidden = await makeTopic(t.ctx, admin, { categoryId: staffOnly.id });
    expect(await run(mod, { topicId: "nope", ...extra })).toMatchObject({ ok: false, code: "invalid" });
    expect(await run(mod, { topicId: 99999999, ...extra })).toMatchObject({ ok: false, code: "not_found" });
    // A moderator who cannot see the category cannot act on its topics, nor learn they exist.
    expect(await run(mod, { topicId: hidden.id, ...extra })).toMatchObject({ ok: false, code: "not_found" });
    expect(await run(anonymous, { topicId: topic.id, ...extra })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await run(member, { topicId: topic.id, ...extra })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await actions(topic.id)).toEqual([]);
    return { cat, member, mod, topic };
  }

  it("pins and unpins, recording each in the audit log", async () => {
    const cat = await makeCategory(t.ctx);
    const mod = await makeUser(t.ctx, { role: "moderator" });
    const topic = await makeTopic(t.ctx, mod, { categoryId: cat.id });
    expect(await pinTopic(t.ctx, mod, { topicId: topic.id, pinned: true })).toEqual({ ok: true, value: { topicId: topic.id, changed: true } });
    expect(toBool((await topicRow(topic.id)).pinned)).toBe(true);
    expect(await pinTopic(t.ctx, mod, { topicId: topic.id, pinned: true })).toEqual({ ok: true, value: { topicId: topic.id, changed: false } });
    expect((await pinTopic(t.ctx, mod, { topicId: topic.id, pinned: false })).ok).toBe(true);
    expect(toBool((await topicRow(topic.id)).pinned)).toBe(false);
    expect(await actions(topic.id)).toEqual(["topic.pin", "topic.unpin"]);
    expect(emitted("topic.pinned", topic.id) && emitted("topic.unpinned", topic.id)).toBe(true);
  });

  it("pin fails invalid, not_found, unauthenticated and forbidden", async () => {
    await sharedFailures((a, i) => pinTopic(t.ctx, a, { pinned: true, ...i }));
    const mod = await makeUser(t.ctx, { role: "moderator" });
    expect(await pinTopic(t.ctx, mod, { topicId: 1, pinned: "yes" })).toMatchObject({ ok: false, code: "invalid", fields: { pinned: {} } });
  });

  it("locks a topic so members can no longer reply (moderators still can), and unlocks it", async () => {
    const cat = await makeCategory(t.ctx);
    const member = await makeUser(t.ctx);
    const mod = await makeUser(t.ctx, { role: "moderator" });
    const topic = await makeTopic(t.ctx, member, { categoryId: cat.id });
    expect((await lockTopic(t.ctx, mod, { topicId: topic.id, locked: true })).ok).toBe(true);
    expect(toBool((await topicRow(topic.id)).locked)).toBe(true);
    expect(await createPost(t.ctx, member, { topicId: topic.id, body: "still open?" })).toMatchObject({ ok: false, code: "forbidden", messageKey: "errors:topicLocked" });
    expect((await createPost(t.ctx, mod, { topicId: topic.id, body: "Closing note from the team." })).ok).toBe(true);
    expect((await lockTopic(t.ctx, mod, { topicId: topic.id, locked: false })).ok).toBe(true);
    expect((await createPost(t.ctx, member, { topicId: topic.id, body: "open again" })).ok).toBe(true);
    expect(await actions(topic.id)).toEqual(["topic.lock", "topic.unlock"]);
    expect(emitted("topic.locked", topic.id) && emitted("topic.unlocked", topic.id)).toBe(true);
  });

  it("lock fails invalid, not_found, unauthenticated and forbidden", async () => {
    await sharedFailures((a, i) => lockTopic(t.ctx, a, { locked: true, ...i }));
  });

  it("moves a topic with its counters and records where from and to", async () => {
    const from = await makeCategory(t.ctx);
    const to = await makeCategory(t.ctx);
    const author = await makeUser(t.ctx);
    const mod = await makeUser(t.ctx, { role: "moderator" });
    const topic = await makeTopic(t.ctx, author, { categoryId: from.id });
    await makeReply(t.ctx, mod, topic.id);
    const res = await moveTopic(t.ctx, mod, { topicId: topic.id, categoryId: to.id });
    expect(res).toEqual({ ok: true, value: { topicId: topic.id, fromCategoryId: from.id, categoryId: to.id } });
    expect((await topicRow(topic.id)).category_id).toBe(to.id);
    expect(await counters(t.ctx, { categoryId: from.id, userId: author.id })).toMatchObject({ categoryTopics: 0, categoryPosts: 0 });
    expect(await counters(t.ctx, { categoryId: to.id, userId: author.id })).toMatchObject({ categoryTopics: 1, categoryPosts: 2 });
    const rows = await auditRows(t.ctx, "topic", topic.id);
    expect(rows.map((r) => r.action)).toEqual(["topic.move"]);
    expect(typeof rows[0].data === "string" ? JSON.parse(rows[0].data) : rows[0].data).toMatchObject({ from: from.id, to: to.id });
    expect(events.find((e) => e.event === "topic.moved" && e.payload.topicId === topic.id)?.payload).toMatchObject({ fromCategoryId: from.id, categoryId: to.id });
  });

  it("move fails invalid (same category), not_found (unknown or hidden category), unauthenticated and forbidden", async () => {
    const target = await makeCategory(t.ctx);
    const { cat, mod, topic } = await sharedFailures((a, i) => moveTopic(t.ctx, a, i), { categoryId: target.id });
    expect(await moveTopic(t.ctx, mod, { topicId: topic.id, categoryId: cat.id })).toMatchObject({
      ok: false,
      code: "invalid",
      fields: { categoryId: { key: "content:validation.sameCategory" } },
    });
    expect(await moveTopic(t.ctx, mod, { topicId: topic.id, categoryId: 99999999 })).toMatchObject({ ok: false, code: "not_found" });
    const adminsOnly = await makePrivateCategory(t.ctx, "admins");
    expect(await moveTopic(t.ctx, mod, { topicId: topic.id, categoryId: adminsOnly.id })).toMatchObject({ ok: false, code: "not_found" });
    expect((await topicRow(topic.id)).category_id).toBe(cat.id);
  });

  it("deletes and restores a topic with its counters", async () => {
    const cat = await makeCategory(t.ctx);
    const author = await makeUser(t.ctx);
    const mod = await makeUser(t.ctx, { role: "moderator" });
    const topic = await makeTopic(t.ctx, author, { categoryId: cat.id });
    await makeReply(t.ctx, author, topic.id);
    const before = await counters(t.ctx, { categoryId: cat.id, userId: author.id, topicId: topic.id });
    expect(await deleteTopic(t.ctx, mod, { topicId: topic.id })).toEqual({ ok: true, value: { topicId: topic.id } });
    expect(await topicRow(topic.id)).toMatchObject({ deleted_by: mod.id });
    expect(await counters(t.ctx, { categoryId: cat.id, userId: author.id, topicId: topic.id })).toEqual({
      ...before,
      categoryTopics: before.categoryTopics - 1,
      categoryPosts: before.categoryPosts - 2,
      userTopics: before.userTopics - 1,
      userPosts: before.userPosts - 2,
      topicDeleted: true,
    });
    expect(await restoreTopic(t.ctx, mod, { topicId: topic.id })).toEqual({ ok: true, value: { topicId: topic.id } });
    expect(await counters(t.ctx, { categoryId: cat.id, userId: author.id, topicId: topic.id })).toEqual(before);
    expect(await actions(topic.id)).toEqual(["topic.delete", "topic.restore"]);
    expect(emitted("topic.deleted", topic.id) && emitted("topic.restored", topic.id)).toBe(true);
  });

  it("delete and restore fail invalid, not_found, unauthenticated, forbidden and conflict", async () => {
    const { mod, topic } = await sharedFailures((a, i) => deleteTopic(t.ctx, a, i));
    await sharedFailures((a, i) => restoreTopic(t.ctx, a, i));
    expect(await restoreTopic(t.ctx, mod, { topicId: topic.id })).toMatchObject({ ok: false, code: "conflict" });
    expect((await deleteTopic(t.ctx, mod, { topicId: topic.id })).ok).toBe(true);
    expect(await deleteTopic(t.ctx, mod, { topicId: topic.id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await actions(topic.id)).toEqual(["topic.delete"]);
  });
});
