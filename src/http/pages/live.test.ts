import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCategory, makeReply, makeTopic, makeUser } from "../../../test/factories.js";
import { type TestApp, testApp } from "../../../test/harness.js";
import { SseStream } from "../../../test/sse.js";
import { createSession } from "../../domain/accounts/sessions.js";
import type { UserActor } from "../../domain/actor.js";

/** Live updates over a real socket: the server listens on a free port and streams are read as a browser would. */
describe("live updates (/live)", () => {
  let t: TestApp;
  let base: string;
  let member: UserActor;
  let admin: UserActor;
  let memberCookie: Record<string, string>;
  let adminCookie: Record<string, string>;
  let publicCat: { id: number };
  let privateCat: { id: number };
  const streams: SseStream[] = [];

  const open = async (query: string, headers: Record<string, string> = {}) => {
    const s = await SseStream.open(`${base}/live?${query}`, headers);
    streams.push(s);
    return s;
  };
  const cookieFor = async (user: UserActor) => ({ cookie: `hiroba_session=${await createSession(t.ctx, user.id, { ip: "127.0.0.1", userAgent: "test" })}` });

  beforeAll(async () => {
    t = await testApp();
    await t.server.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
    member = await makeUser(t.ctx);
    admin = await makeUser(t.ctx, { role: "admin" });
    memberCookie = await cookieFor(member);
    adminCookie = await cookieFor(admin);
    publicCat = await makeCategory(t.ctx);
    privateCat = await makeCategory(t.ctx);
    // Staff only: members of the built-in staff group may read and post; nobody else sees it.
    const staffGroup = (await t.ctx.cache.groups()).builtin.staff;
    await t.ctx.db.insertInto("category_permissions").values({ category_id: privateCat.id, group_id: staffGroup, level: "create" }).execute();
    t.ctx.cache.invalidate("categories");
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await t.close();
  });

  it("sends a post event to an open topic page when a reply is created", async () => {
    const topic = await makeTopic(t.ctx, member, { categoryId: publicCat.id });
    const visitor = await open(`channels=topic:${topic.id}`);
    expect(visitor.status).toBe(200);
    expect(visitor.named("ready")[0]).toEqual({ topics: [topic.id], activity: false });
    const reply = await makeReply(t.ctx, member, topic.id, "live reply");
    // The topic's own first post may still be fanning out when the page opens: wait for the reply's.
    const event = await visitor.waitFor((e) => e.event === "post" && (e.data as { postId: number }).postId === reply.id);
    expect(event.data).toEqual({ topicId: topic.id, postId: reply.id, postNumber: reply.postNumber });
  });

  it("refuses a private topic's channel to a member without access, and serves it to one with access", async () => {
    const topic = await makeTopic(t.ctx, admin, { categoryId: privateCat.id });
    const outsider = await open(`channels=topic:${topic.id}`, memberCookie);
    const anonymous = await open(`channels=topic:${topic.id}`);
    const insider = await open(`channels=topic:${topic.id}`, adminCookie);
    expect(outsider.named("ready")[0]).toEqual({ topics: [], activity: false });
    expect(anonymous.named("ready")[0]).toEqual({ topics: [], activity: false });
    expect(insider.named("ready")[0]).toEqual({ topics: [topic.id], activity: false });
    const reply = await makeReply(t.ctx, admin, topic.id, "staff only");
    await insider.waitFor((e) => e.event === "post" && (e.data as { postId: number }).postId === reply.id);
    // The insider's event was delivered; the refused streams, subscribed to nothing, got none.
    await t.ctx.jobs.drain();
    expect(outsider.named("post")).toEqual([]);
    expect(anonymous.named("post")).toEqual([]);
  });

  it("filters activity events by the categories the reader may see", async () => {
    const memberFeed = await open("channels=latest", memberCookie);
    const adminFeed = await open("channels=latest", adminCookie);
    const categoryFeed = await open(`channels=category:${publicCat.id}`, memberCookie);
    const privateFeed = await open(`channels=category:${privateCat.id}`, memberCookie);
    expect(memberFeed.named("ready")[0]).toEqual({ topics: [], activity: true });
    expect(privateFeed.named("ready")[0]).toEqual({ topics: [], activity: false });

    const hidden = await makeTopic(t.ctx, admin, { categoryId: privateCat.id });
    const shown = await makeTopic(t.ctx, member, { categoryId: publicCat.id });
    await adminFeed.waitFor((e) => e.event === "activity" && (e.data as { topicId: number }).topicId === hidden.id);
    await adminFeed.waitFor((e) => e.event === "activity" && (e.data as { topicId: number }).topicId === shown.id);
    await memberFeed.waitFor((e) => e.event === "activity" && (e.data as { topicId: number }).topicId === shown.id);
    await categoryFeed.waitFor((e) => e.event === "activity" && (e.data as { topicId: number }).topicId === shown.id);
    await t.ctx.jobs.drain();
    const topicIds = (s: SseStream) => s.named<{ topicId: number; categoryId: number }>("activity").map((a) => a.topicId);
    expect(topicIds(memberFeed)).not.toContain(hidden.id);
    expect(topicIds(categoryFeed)).not.toContain(hidden.id);
    expect(privateFeed.named("activity")).toEqual([]);
    expect(memberFeed.named<{ categoryId: number }>("activity").every((a) => a.categoryId !== privateCat.id)).toBe(true);
  });

  it("ends open streams when the server closes", async () => {
    const other = await testApp({ join: t, startJobs: false });
    await other.server.listen({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${(other.server.server.address() as AddressInfo).port}`;
    const topic = await makeTopic(t.ctx, member, { categoryId: publicCat.id });
    const stream = await SseStream.open(`${url}/live?channels=topic:${topic.id}`);
    const started = Date.now();
    await other.close();
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
