import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous } from "../actor.js";
import { makePrivateCategory } from "../../../test/content.js";
import { actorOf } from "../../../test/audit.js";
import { makeCategory, makeReply, makeTopic, makeUser } from "../../../test/factories.js";
import { type TestApp, testApp } from "../../../test/harness.js";
import { addGroupMember } from "../community/commands/addGroupMember.js";
import { createGroup } from "../community/commands/createGroup.js";
import { setCategoryPermissions } from "../community/commands/setCategoryPermissions.js";
import { createPost } from "../content/commands/createPost.js";
import { deleteTopic } from "../content/commands/deleteTopic.js";
import { moveTopic } from "../content/commands/moveTopic.js";
import { markNotificationsRead } from "./commands/markNotificationsRead.js";
import { notifyAboutPosts } from "./jobs.js";
import { countUnreadNotifications, listNotifications } from "./queries/listNotifications.js";

describe("notifications", () => {
  let t: TestApp;
  let categoryId: number;
  beforeAll(async () => {
    t = await testApp();
    categoryId = (await makeCategory(t.ctx)).id;
  });
  afterAll(() => t.close());

  /** Notification rows about one post, as [userId, kind]. */
  const rows = async (postId: number) =>
    (
      await t.ctx.db.selectFrom("notifications").select(["user_id", "kind", "actor_id"]).where("post_id", "=", postId).orderBy("user_id").execute()
    ).map((r) => [r.user_id, r.kind, r.actor_id]);

  async function reply(actor: Awaited<ReturnType<typeof makeUser>>, topicId: number, body: string, replyToPostId?: number): Promise<number> {
    const res = await createPost(t.ctx, actor, { topicId, body, replyToPostId });
    if (!res.ok) throw new Error(JSON.stringify(res));
    await t.ctx.jobs.drain();
    return res.value.id;
  }

  it("tells the topic's author about a reply, but nobody about their own posts", async () => {
    const author = await makeUser(t.ctx);
    const replier = await makeUser(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId });
    await t.ctx.jobs.drain();
    expect(await rows(topic.postId)).toEqual([]);
    const own = await reply(author, topic.id, "Answering myself.");
    expect(await rows(own)).toEqual([]);
    const id = await reply(replier, topic.id, "Here is an answer.");
    expect(await rows(id)).toEqual([[author.id, "reply", replier.id]]);
  });

  it("notifies @mentioned users that exist, once each, and ignores unknown names", async () => {
    const author = await makeUser(t.ctx);
    const mentioned = await makeUser(t.ctx, { username: "hanako_m" });
    const topic = await makeTopic(t.ctx, author, { categoryId, body: "ご意見ください @hanako_m @Hanako_M @nobody_here_xyz" });
    await t.ctx.jobs.drain();
    expect(await rows(topic.postId)).toEqual([[mentioned.id, "mention", author.id]]);
    const ghost = await reply(author, topic.id, "@nobody_at_all_zz are you there?");
    expect(await rows(ghost)).toEqual([]);
  });

  it("notifies the quoted author and the author of the post replied to, with one notification per user (mention > quote > reply)", async () => {
    const author = await makeUser(t.ctx, { username: "topic_owner" });
    const quoted = await makeUser(t.ctx);
    const target = await makeUser(t.ctx);
    const writer = await makeUser(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId });
    const quotedPost = await makeReply(t.ctx, quoted, topic.id, "Worth quoting.");
    const targetPost = await makeReply(t.ctx, target, topic.id, "Reply to me.");
    await t.ctx.jobs.drain();
    // The topic author is both replied-in and mentioned: one "mention". The target is replied to and quoted: one "quote".
    const body = `> [quote=${quoted.username} post=${quotedPost.id}]\n> Worth quoting.\n\n> [quote=${target.username} post=${targetPost.id}]\n> Reply to me.\n\nThanks @topic_owner`;
    const id = await reply(writer, topic.id, body, targetPost.id);
    expect(await rows(id)).toEqual(
      [
        [author.id, "mention", writer.id],
        [quoted.id, "quote", writer.id],
        [target.id, "quote", writer.id],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    const plainReply = await reply(writer, topic.id, "Just replying.", quotedPost.id);
    expect(await rows(plainReply)).toEqual([
      [author.id, "reply", writer.id],
      [quoted.id, "reply", writer.id],
    ]);
  });

  it("never notifies users who may not see the topic", async () => {
    const staff = await makeUser(t.ctx, { staff: true, username: "staff_insider" });
    // Exists, but may not see the staff-only category.
    await makeUser(t.ctx, { username: "outsider_member" });
    const hidden = await makePrivateCategory(t.ctx, "staff");
    const topic = await makeTopic(t.ctx, staff, { categoryId: hidden.id, body: "Internal: @outsider_member @staff_insider" });
    await t.ctx.jobs.drain();
    expect(await rows(topic.postId)).toEqual([]);
    const colleague = await makeUser(t.ctx, { staff: true });
    const id = await reply(colleague, topic.id, "Ping @outsider_member and @staff_insider");
    expect(await rows(id)).toEqual([[staff.id, "mention", colleague.id]]);
  });

  it("is safe to run twice (job retries): still one notification", async () => {
    const author = await makeUser(t.ctx);
    const replier = await makeUser(t.ctx);
    const topic = await makeTopic(t.ctx, author, { categoryId });
    const id = await reply(replier, topic.id, "Once.");
    await notifyAboutPosts(t.ctx, [id]);
    expect(await rows(id)).toEqual([[author.id, "reply", replier.id]]);
  });

  it("notifies about many posts in one call exactly as one by one, group members included", async () => {
    const admin = await actorOf(t.ctx, t.adminId);
    const group = await createGroup(t.ctx, admin, { name: "Beta testers" });
    if (!group.ok) throw new Error("group");
    const lounge = await makeCategory(t.ctx, { name: "Beta lounge" });
    await setCategoryPermissions(t.ctx, admin, { id: lounge.id, permissions: [{ groupId: group.value.id, level: "create" }] });
    const tester = await makeUser(t.ctx);
    const outsider = await makeUser(t.ctx);
    const writing = await makeUser(t.ctx);
    for (const u of [tester, writing]) await addGroupMember(t.ctx, admin, { groupId: group.value.id, username: u.username });
    const writer = await actorOf(t.ctx, writing.id);
    const open = await makeTopic(t.ctx, outsider, { categoryId });
    const beta = await makeTopic(t.ctx, await actorOf(t.ctx, tester.id), { categoryId: lounge.id });
    const ids = [
      await reply(writer, open.id, `Thanks, @${tester.username}.`),
      await reply(writer, beta.id, `Only testers see this, @${outsider.username}.`),
      await reply(writer, open.id, "A plain reply."),
    ];
    const oneByOne = await Promise.all(ids.map(rows));
    expect(oneByOne).toEqual([
      [
        [tester.id, "mention", writer.id],
        [outsider.id, "reply", writer.id],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
      [[tester.id, "reply", writer.id]],
      [[outsider.id, "reply", writer.id]],
    ]);
    await t.ctx.db.deleteFrom("notifications").where("post_id", "in", ids).execute();
    expect(await notifyAboutPosts(t.ctx, [...ids, 999_999])).toBe(4);
    expect(await Promise.all(ids.map(rows))).toEqual(oneByOne);
  });

  it("lists notifications newest first and hides those whose topic became invisible", async () => {
    const reader = await makeUser(t.ctx);
    const writer = await makeUser(t.ctx);
    const mod = await makeUser(t.ctx, { role: "moderator", staff: true });
    const a = await makeTopic(t.ctx, reader, { categoryId, title: "Topic that stays" });
    const b = await makeTopic(t.ctx, reader, { categoryId, title: "Topic that moves" });
    const c = await makeTopic(t.ctx, reader, { categoryId, title: "Topic that goes" });
    await reply(writer, a.id, "On a.");
    await reply(writer, b.id, "On b.");
    await reply(writer, c.id, "On c.");
    let list = await listNotifications(t.ctx, reader);
    expect(list.items.map((n) => n.topic.title)).toEqual(["Topic that goes", "Topic that moves", "Topic that stays"]);
    expect(list.unread).toBe(3);
    expect(list.items[0]).toMatchObject({ kind: "reply", read: false, actor: { id: writer.id }, post: { postNumber: 2 } });
    expect(list.items[0].post.url).toMatch(/^\/t\/\d+\/topic-that-goes#post-2$/);

    const hidden = await makePrivateCategory(t.ctx, "staff");
    expect((await moveTopic(t.ctx, mod, { topicId: b.id, categoryId: hidden.id })).ok).toBe(true);
    expect((await deleteTopic(t.ctx, mod, { topicId: c.id })).ok).toBe(true);
    list = await listNotifications(t.ctx, reader);
    expect(list.items.map((n) => n.topic.title)).toEqual(["Topic that stays"]);
    expect(list.unread).toBe(1);
    expect(await countUnreadNotifications(t.ctx, reader)).toBe(1);
  });

  it("marks the reader's own notifications read: some, then all; others' ids are left alone", async () => {
    const reader = await makeUser(t.ctx);
    const other = await makeUser(t.ctx);
    const writer = await makeUser(t.ctx);
    const mine = await makeTopic(t.ctx, reader, { categoryId });
    const theirs = await makeTopic(t.ctx, other, { categoryId });
    await reply(writer, mine.id, "One.");
    await reply(writer, mine.id, "Two.");
    await reply(writer, theirs.id, "Three.");
    const list = await listNotifications(t.ctx, reader);
    const otherList = await listNotifications(t.ctx, other);
    const res = await markNotificationsRead(t.ctx, reader, { ids: [list.items[0].id, otherList.items[0].id] });
    expect(res).toEqual({ ok: true, value: { updated: 1 } });
    expect((await listNotifications(t.ctx, reader)).items.map((n) => n.read)).toEqual([true, false]);
    expect((await listNotifications(t.ctx, other)).unread).toBe(1);
    expect(await markNotificationsRead(t.ctx, reader, {})).toEqual({ ok: true, value: { updated: 1 } });
    expect(await countUnreadNotifications(t.ctx, reader)).toBe(0);
    expect(await countUnreadNotifications(t.ctx, other)).toBe(1);
  });

  it("mark read fails invalid on bad ids and unauthenticated for visitors", async () => {
    const reader = await makeUser(t.ctx);
    expect(await markNotificationsRead(t.ctx, reader, { ids: ["x"] })).toMatchObject({ ok: false, code: "invalid" });
    expect(await markNotificationsRead(t.ctx, anonymous, {})).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});
