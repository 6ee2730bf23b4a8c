import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toBool } from "../../db/codec.js";
import { makePrivateCategory } from "../../../test/content.js";
import { makeCategory, makeReply, makeTopic, makeUser } from "../../../test/factories.js";
import { Client, type TestApp, testApp } from "../../../test/harness.js";
import { createApiKey } from "../../domain/accounts/commands/createApiKey.js";
import { system } from "../../domain/actor.js";

describe("content API", () => {
  let t: TestApp;
  let categoryId: number;
  beforeAll(async () => {
    t = await testApp();
    categoryId = (await makeCategory(t.ctx)).id;
  });
  afterAll(() => t.close());

  /** A user and a client authenticated with their API key. */
  async function withKey(opts: Parameters<typeof makeUser>[1] = {}) {
    const user = await makeUser(t.ctx, opts);
    const key = await createApiKey(t.ctx, system, { userId: user.id });
    if (!key.ok) throw new Error("key");
    return { user, api: new Client(t.server, { authorization: `Bearer ${key.value.key}`, "accept-language": "en" }) };
  }

  describe("posts", () => {
    it("reads a post with the caller's permissions, and hides private ones", async () => {
      const { user, api } = await withKey();
      const topic = await makeTopic(t.ctx, user, { categoryId, title: "API post read", tags: ["api-tag"] });
      const res = await api.json("GET", `/api/v1/posts/${topic.postId}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id: topic.postId,
        postNumber: 1,
        revision: 1,
        can: { edit: true, delete: true, restore: false },
        topic: { id: topic.id, title: "API post read", tags: ["api-tag"], locked: false },
      });
      const staff = await makeUser(t.ctx, { staff: true });
      const hidden = await makePrivateCategory(t.ctx);
      const secret = await makeTopic(t.ctx, staff, { categoryId: hidden.id });
      const nope = await api.json("GET", `/api/v1/posts/${secret.postId}`);
      expect(nope.statusCode).toBe(404);
      expect(nope.json().error.code).toBe("not_found");
    });

    it("edits through PATCH with every error status", async () => {
      const { user, api } = await withKey();
      const { api: other } = await withKey();
      const topic = await makeTopic(t.ctx, user, { categoryId, title: "Patch me" });
      const ok = await api.json("PATCH", `/api/v1/posts/${topic.postId}`, { body: "Patched body", title: "Patched title", tags: ["patched"], revision: 1 });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ id: topic.postId, revision: 2, changed: true });
      const rev = await t.ctx.db.selectFrom("post_revisions").select(["revision", "body", "title"]).where("post_id", "=", topic.postId).execute();
      expect(rev).toEqual([{ revision: 1, body: "Some words about it.", title: "Patch me" }]);

      const bad = await api.json("PATCH", `/api/v1/posts/${topic.postId}`, { body: "" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields.body).toBe("This field is required.");
      const stale = await api.json("PATCH", `/api/v1/posts/${topic.postId}`, { body: "stale", revision: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe("conflict");
      expect((await other.json("PATCH", `/api/v1/posts/${topic.postId}`, { body: "x" })).statusCode).toBe(403);
      expect((await new Client(t.server).json("PATCH", `/api/v1/posts/${topic.postId}`, { body: "x" })).statusCode).toBe(401);
      expect((await api.json("PATCH", `/api/v1/posts/99999999`, { body: "x" })).statusCode).toBe(404);
    });

    it("deletes through DELETE (403 for others, 409 twice) and shows the edit history", async () => {
      const { user, api } = await withKey();
      const { api: other } = await withKey();
      const topic = await makeTopic(t.ctx, user, { categoryId });
      const reply = await makeReply(t.ctx, user, topic.id, "first words");
      expect((await api.json("PATCH", `/api/v1/posts/${reply.id}`, { body: "second words" })).statusCode).toBe(200);
      const history = await api.json("GET", `/api/v1/posts/${reply.id}/revisions`);
      expect(history.json().versions.map((v: { body: string }) => v.body)).toEqual(["first words", "second words"]);
      expect((await other.json("DELETE", `/api/v1/posts/${reply.id}`)).statusCode).toBe(403);
      const del = await api.json("DELETE", `/api/v1/posts/${reply.id}`);
      expect(del.statusCode).toBe(200);
      expect(del.json()).toEqual({ postId: reply.id, topicId: topic.id, topicDeleted: false });
      expect((await api.json("DELETE", `/api/v1/posts/${reply.id}`)).statusCode).toBe(409);
      const gone = await new Client(t.server).json("GET", `/api/v1/posts/${reply.id}`);
      expect(gone.json()).toMatchObject({ deleted: true, body: "", cooked: "" });
      expect((await new Client(t.server).json("GET", `/api/v1/posts/${reply.id}/revisions`)).statusCode).toBe(404);
    });
  });

  describe("topic moderation", () => {
    it("pins, locks, moves, deletes and restores for moderators; 403 for members, 401 for visitors", async () => {
      const { user: author, api: member } = await withKey();
      const { api: mod } = await withKey({ role: "moderator" });
      const topic = await makeTopic(t.ctx, author, { categoryId });
      const target = await makeCategory(t.ctx);
      const visitor = new Client(t.server);
      for (const action of ["pin", "unpin", "lock", "unlock", "delete", "restore"]) {
        expect((await member.json("POST", `/api/v1/topics/${topic.id}/${action}`)).statusCode, action).toBe(403);
        expect((await visitor.json("POST", `/api/v1/topics/${topic.id}/${action}`)).statusCode, action).toBe(401);
      }
      expect((await member.json("POST", `/api/v1/topics/${topic.id}/move`, { categoryId: target.id })).statusCode).toBe(403);

      expect((await mod.json("POST", `/api/v1/topics/${topic.id}/pin`)).json()).toEqual({ topicId: topic.id, changed: true });
      expect((await mod.json("POST", `/api/v1/topics/${topic.id}/lock`)).json()).toEqual({ topicId: topic.id, changed: true });
      const moved = await mod.json("POST", `/api/v1/topics/${topic.id}/move`, { categoryId: target.id });
      expect(moved.json()).toEqual({ topicId: topic.id, fromCategoryId: categoryId, categoryId: target.id });
      expect((await mod.json("POST", `/api/v1/topics/${topic.id}/move`, { categoryId: 99999999 })).statusCode).toBe(404);
      expect((await mod.json("POST", `/api/v1/topics/${topic.id}/move`, {})).statusCode).toBe(400);
      expect((await mod.json("POST", `/api/v1/topics/${topic.id}/restore`)).statusCode).toBe(409);
      expect((await mod.json("POST", `/api/v1/topics/${topic.id}/delete`)).statusCode).toBe(200);
      expect((await member.json("GET", `/api/v1/topics/${topic.id}`)).statusCode).toBe(404);
      expect((await mod.json("POST", `/api/v1/topics/${topic.id}/restore`)).statusCode).toBe(200);
      const row = await t.ctx.db.selectFrom("topics").select(["pinned", "locked", "category_id", "deleted_at"]).where("id", "=", topic.id).executeTakeFirstOrThrow();
      expect({ ...row, pinned: toBool(row.pinned), locked: toBool(row.locked) }).toEqual({ pinned: true, locked: true, category_id: target.id, deleted_at: null });
      const audit = await t.ctx.db.selectFrom("audit_log").select("action").where("target_type", "=", "topic").where("target_id", "=", topic.id).orderBy("id").execute();
      expect(audit.map((a) => a.action)).toEqual(["topic.pin", "topic.lock", "topic.move", "topic.delete", "topic.restore"]);
    });
  });

  describe("notifications", () => {
    it("lists the caller's notifications and marks them read", async () => {
      const { user, api } = await withKey();
      const writer = await makeUser(t.ctx);
      const topic = await makeTopic(t.ctx, user, { categoryId, title: "Tell me via API" });
      await makeReply(t.ctx, writer, topic.id, `Hello @${user.username}`);
      await makeReply(t.ctx, writer, topic.id, "And again");
      await t.ctx.jobs.drain();
      const list = await api.json("GET", "/api/v1/notifications");
      expect(list.statusCode).toBe(200);
      const body = list.json();
      expect(body.unread).toBe(2);
      // Both posts' jobs may run in the same batch, so either notification may be the newer.
      const kinds = body.notifications.map((n: { kind: string }) => n.kind);
      expect([...kinds].sort()).toEqual(["mention", "reply"]);
      const reply = body.notifications.find((n: { kind: string }) => n.kind === "reply");
      expect(reply).toMatchObject({ read: false, actor: { username: writer.username }, topic: { id: topic.id, title: "Tell me via API" }, post: { postNumber: 3 } });
      const one = await api.json("POST", "/api/v1/notifications/read", { ids: [reply.id] });
      expect(one.json()).toEqual({ updated: 1 });
      expect((await api.json("POST", "/api/v1/notifications/read", {})).json()).toEqual({ updated: 1 });
      expect((await api.json("GET", "/api/v1/notifications")).json().unread).toBe(0);
      expect((await api.json("POST", "/api/v1/notifications/read", { ids: ["x"] })).statusCode).toBe(400);
    });

    it("answers 401 to visitors", async () => {
      const visitor = new Client(t.server);
      expect((await visitor.json("GET", "/api/v1/notifications")).statusCode).toBe(401);
      expect((await visitor.json("POST", "/api/v1/notifications/read", {})).statusCode).toBe(401);
    });
  });

  it("lists tags of visible topics", async () => {
    const author = await makeUser(t.ctx);
    await makeTopic(t.ctx, author, { categoryId, tags: ["api-listed"] });
    const res = await new Client(t.server).json("GET", "/api/v1/tags");
    expect(res.json().tags).toContainEqual({ name: "api-listed", topicCount: 1, url: "/tags/api-listed" });
  });

  it("documents every new route in OpenAPI", async () => {
    const doc = (await t.server.inject("/api/openapi.json")).json();
    expect(doc.paths["/api/v1/posts/{id}"].patch).toBeTruthy();
    expect(doc.paths["/api/v1/posts/{id}"].delete).toBeTruthy();
    expect(doc.paths["/api/v1/topics/{id}/move"].post).toBeTruthy();
    expect(doc.paths["/api/v1/notifications"].get).toBeTruthy();
    expect(doc.paths["/api/v1/notifications/read"].post).toBeTruthy();
    expect(doc.paths["/api/v1/tags"].get).toBeTruthy();
  });
});
