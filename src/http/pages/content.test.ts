import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toBool } from "../../db/codec.js";
import { makePrivateCategory } from "../../../test/content.js";
import { PASSWORD, makeCategory, makeReply, makeTopic, makeUser } from "../../../test/factories.js";
import { Client, type TestApp, testApp } from "../../../test/harness.js";
import { deletePost } from "../../domain/content/commands/deletePost.js";
import { editPost } from "../../domain/content/commands/editPost.js";

describe("content pages", () => {
  let t: TestApp;
  let categoryId: number;
  beforeAll(async () => {
    t = await testApp();
    categoryId = (await makeCategory(t.ctx, { name: "Questions" })).id;
  });
  afterAll(() => t.close());

  async function signedIn(opts: Parameters<typeof makeUser>[1] = {}) {
    const user = await makeUser(t.ctx, opts);
    const client = new Client(t.server, { "accept-language": "en" });
    await client.login(user.username, PASSWORD);
    return { user, client };
  }

  describe("editing", () => {
    it("shows the stored text, keeps what was typed on errors, saves and redirects to the post", async () => {
      const { user, client } = await signedIn();
      const topic = await makeTopic(t.ctx, user, { categoryId, title: "Printer setup", body: "Original body", tags: ["printer"] });
      const form = await client.get(`/p/${topic.postId}/edit`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('value="Printer setup"');
      expect(form.body).toContain("Original body");
      expect(form.body).toContain('value="printer"');
      expect(form.body).toContain('name="revision" value="1"');

      const bad = await client.form(`/p/${topic.postId}/edit`, { title: "ab", body: "本文を書き直しました", tags: "printer", revision: "1" });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('value="ab"');
      expect(bad.body).toContain("本文を書き直しました");
      expect(bad.body).toContain("Must be at least 3 characters.");

      const ok = await client.form(`/p/${topic.postId}/edit`, { title: "Printer setup (solved)", body: "New body", tags: "printer, solved", revision: "1" });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe(`/t/${topic.id}/printer-setup-solved#post-1`);
      const page = await client.get(ok.headers.location as string);
      expect(page.body).toContain("Your changes were saved.");
      expect(page.body).toContain("New body");
      expect(page.body).toContain(`href="/p/${topic.postId}/revisions"`);
    });

    it("answers 409 with the typed text when someone else edited meanwhile", async () => {
      const { user, client } = await signedIn();
      const mod = await makeUser(t.ctx, { role: "moderator" });
      const topic = await makeTopic(t.ctx, user, { categoryId });
      const reply = await makeReply(t.ctx, user, topic.id, "v1");
      await editPost(t.ctx, mod, { postId: reply.id, body: "v2 by a moderator" });
      const res = await client.form(`/p/${reply.id}/edit`, { body: "my v2", revision: "1" });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain("my v2");
      expect(res.body).toContain('name="revision" value="2"');
      expect(res.body).not.toContain('name="title"');
    });

    it("sends visitors to log in and refuses other members with 403", async () => {
      const author = await makeUser(t.ctx);
      const topic = await makeTopic(t.ctx, author, { categoryId });
      const visitor = await new Client(t.server).get(`/p/${topic.postId}/edit`);
      expect(visitor.statusCode).toBe(303);
      expect(visitor.headers.location).toBe(`/login?next=${encodeURIComponent(`/p/${topic.postId}/edit`)}`);
      const { client } = await signedIn();
      expect((await client.get(`/p/${topic.postId}/edit`)).statusCode).toBe(403);
      const post = await client.form(`/p/${topic.postId}/edit`, { body: "vandalism", revision: "1" });
      expect(post.statusCode).toBe(403);
      expect(post.body).toContain("You can only change your own posts.");
    });
  });

  describe("revisions", () => {
    it("shows every version with a readable diff to whoever may see the topic", async () => {
      const author = await makeUser(t.ctx);
      const topic = await makeTopic(t.ctx, author, { categoryId, title: "Old title here", body: "line one\nline two" });
      await editPost(t.ctx, author, { postId: topic.postId, body: "line one\nline 2", title: "New title here" });
      const res = await new Client(t.server, { "accept-language": "en" }).get(`/p/${topic.postId}/revisions`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("Edit history of post #1");
      expect(res.body).toContain("<del>line two</del>");
      expect(res.body).toContain("<ins>line 2</ins>");
      expect(res.body).toContain("<del>Old title here</del>");
      expect(res.body).toContain("<ins>New title here</ins>");
      expect(res.body).toContain('name="robots" content="noindex"');
    });

    it("is hidden in private categories and, for deleted posts, from everyone but moderators", async () => {
      const staff = await makeUser(t.ctx, { staff: true });
      const hidden = await makePrivateCategory(t.ctx);
      const secret = await makeTopic(t.ctx, staff, { categoryId: hidden.id });
      expect((await new Client(t.server).get(`/p/${secret.postId}/revisions`)).statusCode).toBe(404);
      const author = await makeUser(t.ctx);
      const topic = await makeTopic(t.ctx, author, { categoryId });
      const reply = await makeReply(t.ctx, author, topic.id, "regrettable words");
      await deletePost(t.ctx, author, { postId: reply.id });
      expect((await new Client(t.server).get(`/p/${reply.id}/revisions`)).statusCode).toBe(404);
      const { client: mod } = await signedIn({ role: "moderator" });
      const seen = await mod.get(`/p/${reply.id}/revisions`);
      expect(seen.statusCode).toBe(200);
      expect(seen.body).toContain("regrettable words");
    });
  });

  describe("topic page", () => {
    it("shows the moderator tools to moderators only, and their forms answer 403 to members", async () => {
      const author = await makeUser(t.ctx);
      const topic = await makeTopic(t.ctx, author, { categoryId });
      const { client: member } = await signedIn();
      const { client: mod } = await signedIn({ role: "moderator" });
      expect((await member.get(topic.url)).body).not.toContain("topic-moderation");
      const modPage = await mod.get(topic.url);
      expect(modPage.body).toContain('class="topic-moderation"');
      expect(modPage.body).toContain(`action="/t/${topic.id}/pin"`);
      expect(modPage.body).toContain(`action="/t/${topic.id}/move"`);

      for (const action of ["pin", "lock", "delete", "move"]) {
        const res = await member.form(`/t/${topic.id}/${action}`, { categoryId: String(categoryId) });
        expect(res.statusCode, action).toBe(403);
      }
      const pinned = await mod.form(`/t/${topic.id}/pin`, {});
      expect(pinned.statusCode).toBe(303);
      expect(pinned.headers.location).toBe(topic.url);
      const row = await t.ctx.db.selectFrom("topics").select(["pinned"]).where("id", "=", topic.id).executeTakeFirstOrThrow();
      expect(toBool(row.pinned)).toBe(true);
      const after = await mod.get(topic.url);
      expect(after.body).toContain("The topic is pinned.");
      expect(after.body).toContain(`action="/t/${topic.id}/unpin"`);

      const target = await makeCategory(t.ctx, { name: "Elsewhere" });
      expect((await mod.form(`/t/${topic.id}/move`, { categoryId: String(target.id) })).statusCode).toBe(303);
      const moved = await t.ctx.db.selectFrom("topics").select("category_id").where("id", "=", topic.id).executeTakeFirstOrThrow();
      expect(moved.category_id).toBe(target.id);
      const same = await mod.form(`/t/${topic.id}/move`, { categoryId: String(target.id) });
      expect(same.statusCode).toBe(400);
      expect(same.body).toContain("The topic is already in this category.");
    });

    it("shows deleted posts as placeholders, with the text dimmed for moderators only", async () => {
      const author = await makeUser(t.ctx);
      const topic = await makeTopic(t.ctx, author, { categoryId });
      const reply = await makeReply(t.ctx, author, topic.id, "Text that was deleted");
      const { client: member } = await signedIn();
      const { client: mod } = await signedIn({ role: "moderator" });
      const del = await member.form(`/p/${reply.id}/delete`, {});
      expect(del.statusCode).toBe(403);
      await deletePost(t.ctx, author, { postId: reply.id });
      const seen = await member.get(topic.url);
      expect(seen.body).toContain("This post was deleted.");
      expect(seen.body).not.toContain("Text that was deleted");
      const modView = await mod.get(topic.url);
      expect(modView.body).toContain("is-deleted is-revealed");
      expect(modView.body).toContain("Text that was deleted");
      expect(modView.body).toContain(`action="/p/${reply.id}/restore"`);
      const restored = await mod.form(`/p/${reply.id}/restore`, {});
      expect(restored.statusCode).toBe(303);
      expect((await member.get(topic.url)).body).toContain("Text that was deleted");
    });

    it("lets authors delete their reply through the form", async () => {
      const { user, client } = await signedIn();
      const topic = await makeTopic(t.ctx, user, { categoryId });
      const reply = await makeReply(t.ctx, user, topic.id, "Second thoughts");
      const res = await client.form(`/p/${reply.id}/delete`, {});
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/p/${reply.id}`);
      const row = await t.ctx.db.selectFrom("posts").select("deleted_at").where("id", "=", reply.id).executeTakeFirstOrThrow();
      expect(row.deleted_at).not.toBeNull();
    });

    it("shows who a reply answers in the composer (with cancel) and on the posted reply", async () => {
      const author = await makeUser(t.ctx, { username: "asker_one" });
      const topic = await makeTopic(t.ctx, author, { categoryId });
      const { client } = await signedIn();
      const composer = await client.get(`${topic.url}?replyTo=${topic.postId}`);
      expect(composer.body).toContain("Replying to @asker_one");
      expect(composer.body).toContain(`name="replyToPostId" value="${topic.postId}"`);
      expect(composer.body).toContain("data-cancel-reply-to");
      const posted = await client.form(`/t/${topic.id}/reply`, { body: "Here you go.", replyToPostId: String(topic.postId) });
      expect(posted.statusCode).toBe(303);
      const page = await client.get(topic.url);
      expect(page.body).toContain('<a class="post-reply-to" href="#post-1">in reply to @asker_one</a>');
      const failed = await client.form(`/t/${topic.id}/reply`, { body: " ", replyToPostId: String(topic.postId) });
      expect(failed.statusCode).toBe(400);
      expect(failed.body).toContain("Replying to @asker_one");
    });
  });

  describe("notifications", () => {
    it("lists notifications with the unread ones marked, marks one and then all read", async () => {
      const { user, client } = await signedIn();
      const replier = await makeUser(t.ctx, { name: "Replier Person" });
      const topic = await makeTopic(t.ctx, user, { categoryId, title: "Notify me please" });
      await makeReply(t.ctx, replier, topic.id, "First answer");
      await makeReply(t.ctx, replier, topic.id, "Second answer");
      await t.ctx.jobs.drain();
      const page = await client.get("/notifications");
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Replier Person replied in “Notify me please”");
      expect(page.body).toContain("2 unread");
      expect(page.body).toContain('<span class="count">2</span>');
      const ids = [...page.body.matchAll(/data-notification-id="(\d+)"/g)].map((m) => m[1]);
      expect(ids).toHaveLength(2);
      const one = await client.form("/notifications/read", { ids: ids[0] });
      expect(one.statusCode).toBe(303);
      expect((await client.get("/notifications")).body).toContain("1 unread");
      await client.form("/notifications/read", {});
      const done = await client.get("/notifications");
      expect(done.body).not.toContain("is-unread");
      expect(done.body).not.toContain('<span class="count">');
    });

    it("sends visitors to log in", async () => {
      const res = await new Client(t.server).get("/notifications");
      expect(res.statusCode).toBe(303);
    });
  });

  describe("tags", () => {
    it("lists tags with counts of visible topics only", async () => {
      const author = await makeUser(t.ctx);
      const staff = await makeUser(t.ctx, { staff: true });
      const hidden = await makePrivateCategory(t.ctx);
      await makeTopic(t.ctx, author, { categoryId, tags: ["public-tag", "shared-tag"] });
      await makeTopic(t.ctx, author, { categoryId, tags: ["public-tag"] });
      await makeTopic(t.ctx, staff, { categoryId: hidden.id, tags: ["secret-tag", "shared-tag"] });
      const res = await new Client(t.server, { "accept-language": "en" }).get("/tags");
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/#public-tag<\/a><span class="tag-index-count">2 topics/);
      expect(res.body).toMatch(/#shared-tag<\/a><span class="tag-index-count">1 topic</);
      expect(res.body).not.toContain("secret-tag");
      const ja = await new Client(t.server, { "accept-language": "ja" }).get("/tags");
      expect(ja.body).toContain("2 件のトピック");
    });
  });
});
