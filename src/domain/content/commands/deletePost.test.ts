import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous } from "../../actor.js";
import { auditRows, counters, makePrivateCategory, recordEvents } from "../../../../test/content.js";
import { makeCategory, makeReply, makeTopic, makeUser } from "../../../../test/factories.js";
import { type TestApp, testApp } from "../../../../test/harness.js";
import { deletePost } from "./deletePost.js";
import { restorePost } from "./restorePost.js";
import { lockTopic } from "./lockTopic.js";
import { getTopicPage } from "../queries/getTopicPage.js";

describe("deletePost and restorePost", () => {
  let t: TestApp;
  let events: ReturnType<typeof recordEvents>;
  beforeAll(async () => {
    t = await testApp();
    events = recordEvents(t.ctx);
  });
  afterAll(() => t.close());

  const postRow = (id: number) => t.ctx.db.selectFrom("posts").select(["deleted_at", "deleted_by"]).where("id", "=", id).executeTakeFirstOrThrow();
  const lastPost = (topicId: number) =>
    t.ctx.db.selectFrom("topics").select(["last_post_user_id"]).where("id", "=", topicId).executeTakeFirstOrThrow();

  it("lets an author delete their reply: placeholder, counters and last poster follow, and a moderator restores it", async () => {
    const cat = await makeCategory(t.ctx);
    const author = await makeUser(t.ctx);
    const replier = await makeUser(t.ctx);
    const mod = await makeUser(t.ctx, { role: "moderator" });
    const topic = await makeTopic(t.ctx, author, { categoryId: cat.id });
    const reply = await makeReply(t.ctx, replier, topic.id);
    const before = await counters(t.ctx, { categoryId: cat.id, userId: replier.id, topicId: topic.id });
    expect(before).toMatchObject({ categoryTopics: 1, categoryPosts: 2, userPosts: 1, replies: 1 });
    expect((await lastPost(topic.id)).last_post_user_id).toBe(replier.id);

    const res = await deletePost(t.ctx, replier, { postId: reply.id });
    expect(res).toEqual({ ok: true, value: { postId: reply.id, topicId: topic.id, topicDeleted: false } });
    expect(await postRow(reply.id)).toMatchObject({ deleted_by: replier.id });
    expect((await postRow(reply.id)).deleted_at).not.toBeNull();
    expect(await counters(t.ctx, { categoryId: cat.id, userId: replier.id, topicId: topic.id })).toMatchObject({ categoryPosts: 1, userPosts: 0, replies: 0 });
    expect((await lastPost(topic.id)).last_post_user_id).toBe(author.id);
    expect(events.map((e) => e.event)).toContain("post.deleted");
    // The author removing their own reply is not a staff action.
    expect(await auditRows(t.ctx, "post", reply.id)).toEqual([]);

    const back = await restorePost(t.ctx, mod, { postId: reply.id });
    expect(back).toEqual({ ok: true, value: { postId: reply.id, topicId: topic.id } });
    expect(await postRow(reply.id)).toEqual({ deleted_at: null, deleted_by: null });
    expect(await counters(t.ctx, { categoryId: cat.id, userId: replier.id, topicId: topic.id })).toEqual(before);
    expect((await lastPost(topic.id)).last_post_user_id).toBe(replier.id);
    expect((await auditRows(t.ctx, "post", reply.id)).map((r) => [r.action, r.actor_id])).toEqual([["post.restore", mod.id]]);
    expect(events.map((e) => e.event)).toContain("post.restored");
  });

  it("deletes the whole topic through its first post while it has no replies, out of every counter, and restores it", async () => {
    const cat = await makeCategory(t.ctx);
    const author = await makeUser(t.ctx);
    const mod = await makeUser(t.ctx, { role: "moderator" });
    const topic = await makeTopic(t.ctx, author, { categoryId: cat.id, tags: ["lonely-tag"] });
    const tagCount = () => t.ctx.db.selectFrom("tags").select("topic_count").where("name", "=", "lonely-tag").executeTakeFirstOrThrow();
    expect((await tagCount()).topic_count).toBe(1);
    const before = await counters(t.ctx, { categoryId: cat.id, userId: author.id, topicId: topic.id });

    const res = await deletePost(t.ctx, author, { postId: topic.postId });
    expect(res).toEqual({ ok: true, value: { postId: topic.postId, topicId: topic.id, topicDeleted: true } });
    expect(await counters(t.ctx, { categoryId: cat.id, userId: author.id, topicId: topic.id })).toEqual({
      ...before,
      categoryTopics: before.categoryTopics - 1,
      categoryPosts: before.categoryPosts - 1,
      userTopics: before.userTopics - 1,
      userPosts: before.userPosts - 1,
      topicDeleted: true,
    });
    expect((await tagCount()).topic_count).toBe(0);
    expect(events.map((e) => e.event)).toContain("topic.deleted");
    // The first post itself stays intact, so restoring the topic brings everything back.
    expect((await postRow(topic.postId)).deleted_at).toBeNull();
    const modView = await getTopicPage(t.ctx, mod, topic.id);
    expect(modView.ok && modView.value.posts[0].can).toEqual({ edit: true, delete: false, restore: false });

    expect((await restorePost(t.ctx, mod, { postId: topic.postId })).ok).toBe(true);
    expect(await counters(t.ctx, { categoryId: cat.id, userId: author.id, topicId: topic.id })).toEqual(before);
    expect((await tagCount()).topic_count).toBe(1);
    expect((await auditRows(t.ctx, "topic", topic.id)).map((r) => r.action)).toEqual(["topic.restore"]);
  });

  it("fails invalid on a bad id", async () => {
    const member = await makeUser(t.ctx);
    expect(await deletePost(t.ctx, member, { postId: "abc" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await restorePost(t.ctx, member, {})).toMatchObject({ ok: false, code: "invalid" });
  });

  it("fails not_found for unknown posts and private topics", async () => {
    const member = await makeUser(t.ctx);
    const staff = await makeUser(t.ctx, { staff: true });
    expect(await deletePost(t.ctx, member, { postId: 99999999 })).toMatchObject({ ok: false, code: "not_found" });
    const hidden = await makePrivateCategory(t.ctx);
    const topic = await makeTopic(t.ctx, staff, { categoryId: hidden.id });
    const reply = await makeReply(t.ctx, staff, topic.id);
    expect(await deletePost(t.ctx, member, { postId: reply.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await restorePost(t.ctx, member, { postId: reply.id })).toMatchObject({ ok: false, code: "not_found" });
    expect((await postRow(reply.id)).deleted_at).toBeNull();
  });

  it("fails unauthenticated for visitors", async () => {
    const cat = await makeCategory(t.ctx);
    const author = await makeUser(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId: cat.id });
    const reply = await makeReply(t.ctx, author, topic.id);
    expect(await deletePost(t.ctx, anonymous, { postId: reply.id })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await restorePost(t.ctx, anonymous, { postId: reply.id })).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("fails forbidden: others' posts, a topic with replies, a closed topic, and restores by members", async () => {
    const cat = await makeCategory(t.ctx);
    const author = await makeUser(t.ctx);
    const other = await makeUser(t.ctx);
    const mod = await makeUser(t.ctx, { role: "moderator" });
    const topic = await makeTopic(t.ctx, author, { categoryId: cat.id });
    const reply = await makeReply(t.ctx, other, topic.id);
    expect(await deletePost(t.ctx, author, { postId: reply.id })).toMatchObject({ ok: false, code: "forbidden", messageKey: "content:errors.notYourPost" });
    expect(await deletePost(t.ctx, author, { postId: topic.postId })).toMatchObject({ ok: false, code: "forbidden", messageKey: "content:errors.topicHasReplies" });
    await lockTopic(t.ctx, mod, { topicId: topic.id, locked: true });
    expect(await deletePost(t.ctx, other, { postId: reply.id })).toMatchObject({ ok: false, code: "forbidden", messageKey: "errors:topicLocked" });
    expect((await deletePost(t.ctx, mod, { postId: reply.id })).ok).toBe(true);
    expect(await restorePost(t.ctx, other, { postId: reply.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect((await postRow(reply.id)).deleted_at).not.toBeNull();
    expect((await auditRows(t.ctx, "post", reply.id)).map((r) => r.action)).toEqual(["post.delete"]);
  });

  it("fails conflict when deleting twice or restoring what is not deleted", async () => {
    const cat = await makeCategory(t.ctx);
    const author = await makeUser(t.ctx);
    const mod = await makeUser(t.ctx, { role: "moderator" });
    const topic = await makeTopic(t.ctx, author, { categoryId: cat.id });
    const reply = await makeReply(t.ctx, author, topic.id);
    expect(await restorePost(t.ctx, mod, { postId: reply.id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await restorePost(t.ctx, mod, { postId: topic.postId })).toMatchObject({ ok: false, code: "conflict" });
    expect((await deletePost(t.ctx, mod, { postId: reply.id })).ok).toBe(true);
    const before = await counters(t.ctx, { categoryId: cat.id, userId: author.id, topicId: topic.id });
    expect(await deletePost(t.ctx, mod, { postId: reply.id })).toMatchObject({ ok: false, code: "conflict" });
    expect(await counters(t.ctx, { categoryId: cat.id, userId: author.id, topicId: topic.id })).toEqual(before);
  });

  it("keeps counters right when a reply is deleted inside a deleted topic and both come back", async () => {
    const cat = await makeCategory(t.ctx);
    const author = await makeUser(t.ctx);
    const mod = await makeUser(t.ctx, { role: "moderator" });
    const topic = await makeTopic(t.ctx, author, { categoryId: cat.id });
    const reply = await makeReply(t.ctx, author, topic.id);
    const start = await counters(t.ctx, { categoryId: cat.id, userId: author.id });
    expect((await deletePost(t.ctx, mod, { postId: topic.postId })).ok).toBe(true);
    expect((await deletePost(t.ctx, mod, { postId: reply.id })).ok).toBe(true);
    expect(await counters(t.ctx, { categoryId: cat.id, userId: author.id })).toMatchObject({
      categoryTopics: start.categoryTopics - 1,
      categoryPosts: start.categoryPosts - 2,
      userPosts: start.userPosts - 2,
    });
    expect((await restorePost(t.ctx, mod, { postId: topic.postId })).ok).toBe(true);
    expect((await restorePost(t.ctx, mod, { postId: reply.id })).ok).toBe(true);
    expect(await counters(t.ctx, { categoryId: cat.id, userId: author.id })).toEqual(start);
  });
});
