import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous } from "../../actor.js";
import { auditRows, makePrivateCategory, recordEvents } from "../../../../test/content.js";
import { makeCategory, makeReply, makeTopic, makeUser } from "../../../../test/factories.js";
import { type TestApp, testApp } from "../../../../test/harness.js";
import { lockTopic } from "./lockTopic.js";
import { editPost } from "./editPost.js";

describe("editPost", () => {
  let t: TestApp;
  let categoryId: number;
  let events: ReturnType<typeof recordEvents>;
  beforeAll(async () => {
    t = await testApp();
    categoryId = (await makeCategory(t.ctx)).id;
    events = recordEvents(t.ctx);
  });
  afterAll(() => t.close());

  const post = (id: number) =>
    t.ctx.db.selectFrom("posts").select(["body", "cooked", "revision", "edited_at"]).where("id", "=", id).executeTakeFirstOrThrow();
  const revisions = (postId: number) =>
    t.ctx.db.selectFrom("post_revisions").select(["revision", "user_id", "title", "body"]).where("post_id", "=", postId).orderBy("revision").execute();

  it("keeps the previous version, bumps the revision, re-cooks and emits post.edited", async () => {
    const author = await makeUser(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId, title: "Original title", body: "first line\nsecond line" });
    const res = await editPost(t.ctx, author, { postId: topic.postId, body: "first line\n**changed** line", revision: 1 });
    expect(res).toMatchObject({ ok: true, value: { id: topic.postId, revision: 2, changed: true } });
    const p = await post(topic.postId);
    expect(p.revision).toBe(2);
    expect(p.body).toBe("first line\n**changed** line");
    expect(p.cooked).toContain("<strong>changed</strong>");
    expect(p.edited_at).not.toBeNull();
    expect(await revisions(topic.postId)).toEqual([{ revision: 1, user_id: author.id, title: "Original title", body: "first line\nsecond line" }]);
    expect(events.filter((e) => e.event === "post.edited").map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ postId: topic.postId, topicId: topic.id, revision: 2, userId: author.id, titleChanged: false }),
    );
    // The author edited their own post: not a staff action.
    expect(await auditRows(t.ctx, "post", topic.postId)).toEqual([]);
  });

  it("lets the first post change the topic's title and tags, with tag counters", async () => {
    const author = await makeUser(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId, title: "Before the edit", tags: ["alpha-x", "beta-x"] });
    const res = await editPost(t.ctx, author, { postId: topic.postId, body: "Some words about it.", title: "After the edit", tags: "beta-x, gamma-x" });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const row = await t.ctx.db.selectFrom("topics").select(["title", "slug"]).where("id", "=", topic.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: "After the edit", slug: "after-the-edit" });
    expect(res.value.url).toContain(`/t/${topic.id}/after-the-edit#post-1`);
    const tags = await t.ctx.db
      .selectFrom("topic_tags as tt")
      .innerJoin("tags as g", "g.id", "tt.tag_id")
      .select("g.name")
      .where("tt.topic_id", "=", topic.id)
      .orderBy("g.name")
      .execute();
    expect(tags.map((x) => x.name)).toEqual(["beta-x", "gamma-x"]);
    const counts = await t.ctx.db.selectFrom("tags").select(["name", "topic_count"]).where("name", "in", ["alpha-x", "beta-x", "gamma-x"]).orderBy("name").execute();
    expect(counts).toEqual([
      { name: "alpha-x", topic_count: 0 },
      { name: "beta-x", topic_count: 1 },
      { name: "gamma-x", topic_count: 1 },
    ]);
    expect((await revisions(topic.postId))[0]).toMatchObject({ revision: 1, title: "Before the edit" });
  });

  it("lets moderators edit anyone's post and records it in the audit log", async () => {
    const author = await makeUser(t.ctx);
    const mod = await makeUser(t.ctx, { role: "moderator" });
    const topic = await makeTopic(t.ctx, author, { categoryId });
    const reply = await makeReply(t.ctx, author, topic.id, "rude words");
    const res = await editPost(t.ctx, mod, { postId: reply.id, body: "kind words" });
    expect(res.ok).toBe(true);
    expect(await revisions(reply.id)).toEqual([{ revision: 1, user_id: mod.id, title: null, body: "rude words" }]);
    expect((await auditRows(t.ctx, "post", reply.id)).map((r) => [r.action, r.actor_id])).toEqual([["post.edit", mod.id]]);
  });

  it("writes nothing when nothing changed", async () => {
    const author = await makeUser(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId, body: "Same text" });
    const res = await editPost(t.ctx, author, { postId: topic.postId, body: "  Same text  " });
    expect(res).toMatchObject({ ok: true, value: { changed: false, revision: 1 } });
    expect(await revisions(topic.postId)).toEqual([]);
    expect((await post(topic.postId)).revision).toBe(1);
  });

  it("fails invalid on an empty body, and on a title for a reply", async () => {
    const author = await makeUser(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId });
    const empty = await editPost(t.ctx, author, { postId: topic.postId, body: "  " });
    expect(empty).toMatchObject({ ok: false, code: "invalid", fields: { body: { key: "validation.required" } } });
    const reply = await makeReply(t.ctx, author, topic.id);
    const titled = await editPost(t.ctx, author, { postId: reply.id, body: "new", title: "A title for a reply" });
    expect(titled).toMatchObject({ ok: false, code: "invalid", fields: { title: { key: "content:validation.firstPostOnly" } } });
    expect(await revisions(reply.id)).toEqual([]);
  });

  it("fails not_found for unknown posts and posts in categories the actor cannot see", async () => {
    const member = await makeUser(t.ctx);
    expect(await editPost(t.ctx, member, { postId: 99999999, body: "x" })).toMatchObject({ ok: false, code: "not_found" });
    const staff = await makeUser(t.ctx, { staff: true });
    const hidden = await makePrivateCategory(t.ctx);
    const topic = await makeTopic(t.ctx, staff, { categoryId: hidden.id });
    expect(await editPost(t.ctx, member, { postId: topic.postId, body: "x" })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("fails unauthenticated for visitors", async () => {
    const author = await makeUser(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId });
    expect(await editPost(t.ctx, anonymous, { postId: topic.postId, body: "x" })).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("fails forbidden for other members' posts and for the author once the topic is closed", async () => {
    const author = await makeUser(t.ctx);
    const other = await makeUser(t.ctx);
    const mod = await makeUser(t.ctx, { role: "moderator" });
    const topic = await makeTopic(t.ctx, author, { categoryId, body: "Untouched" });
    expect(await editPost(t.ctx, other, { postId: topic.postId, body: "vandalism" })).toMatchObject({
      ok: false,
      code: "forbidden",
      messageKey: "content:errors.notYourPost",
    });
    expect((await lockTopic(t.ctx, mod, { topicId: topic.id, locked: true })).ok).toBe(true);
    expect(await editPost(t.ctx, author, { postId: topic.postId, body: "late change" })).toMatchObject({
      ok: false,
      code: "forbidden",
      messageKey: "errors:topicLocked",
    });
    expect((await post(topic.postId)).body).toBe("Untouched");
  });

  it("fails conflict when the post changed since the editor loaded it", async () => {
    const author = await makeUser(t.ctx);
    const mod = await makeUser(t.ctx, { role: "moderator" });
    const topic = await makeTopic(t.ctx, author, { categoryId, body: "v1" });
    expect((await editPost(t.ctx, mod, { postId: topic.postId, body: "v2 by mod", revision: 1 })).ok).toBe(true);
    const res = await editPost(t.ctx, author, { postId: topic.postId, body: "v2 by author", revision: 1 });
    expect(res).toMatchObject({ ok: false, code: "conflict", params: { revision: 2 } });
    expect((await post(topic.postId)).body).toBe("v2 by mod");
    expect((await revisions(topic.postId)).map((r) => r.revision)).toEqual([1]);
  });

  it("fails rate_limited when a member edits too often", async () => {
    const author = await makeUser(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId, body: "v1" });
    for (let i = 0; i < 60; i++) await t.ctx.limiter.hit(`post:edit:${author.id}`, 60, 60);
    expect(await editPost(t.ctx, author, { postId: topic.postId, body: "v2" })).toMatchObject({ ok: false, code: "rate_limited" });
    expect((await post(topic.postId)).revision).toBe(1);
  });
});
