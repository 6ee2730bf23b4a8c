import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, testApp, clientFor } from "../../test/harness.js";
import { makeCategory, makeTopic, makeUser } from "../../test/factories.js";
import { actorOf } from "../../test/audit.js";
import { addGroupMember } from "../domain/community/commands/addGroupMember.js";
import { createGroup } from "../domain/community/commands/createGroup.js";
import { setCategoryPermissions } from "../domain/community/commands/setCategoryPermissions.js";
import { createPost } from "../domain/content/commands/createPost.js";
import { createTopic } from "../domain/content/commands/createTopic.js";
import type { UserActor } from "../domain/actor.js";

let t: TestApp;
let admin: UserActor;
let b: Record<"everyone" | "members" | "staff" | "moderators" | "admins", number>;
beforeAll(async () => {
  t = await testApp();
  admin = await actorOf(t.ctx, t.adminId);
  b = (await t.ctx.cache.groups()).builtin;
});
afterAll(() => t.close());

interface Seen {
  inCategoryApi: boolean;
  categoryPage: number;
  topicPage: number;
  topicApi: number;
  inTopicListApi: boolean;
  inLatestPage: boolean;
  inHomePage: boolean;
}

/** What one reader can find of a category and its topic, through every surface. */
async function probe(c: Client, slug: string, topic: { id: number; url: string; title: string }): Promise<Seen> {
  const cats = (await c.json("GET", "/api/v1/categories")).json().categories as Array<{ slug: string; children: Array<{ slug: string }> }>;
  const slugs = cats.flatMap((x) => [x.slug, ...x.children.map((k) => k.slug)]);
  const list = (await c.json("GET", "/api/v1/topics?perPage=100")).json().topics as Array<{ id: number }>;
  return {
    inCategoryApi: slugs.includes(slug),
    categoryPage: (await c.get(`/c/${slug}`)).statusCode,
    topicPage: (await c.get(topic.url)).statusCode,
    topicApi: (await c.json("GET", `/api/v1/topics/${topic.id}`)).statusCode,
    inTopicListApi: list.some((x) => x.id === topic.id),
    inLatestPage: (await c.get("/latest")).body.includes(topic.title),
    inHomePage: (await c.get("/")).body.includes(topic.title),
  };
}
const visible: Seen = { inCategoryApi: true, categoryPage: 200, topicPage: 200, topicApi: 200, inTopicListApi: true, inLatestPage: true, inHomePage: true };
const hidden: Seen = { inCategoryApi: false, categoryPage: 404, topicPage: 404, topicApi: 404, inTopicListApi: false, inLatestPage: false, inHomePage: false };

const signedIn = (user: UserActor): Promise<Client> => clientFor(t, user.username);

describe("category permissions set by an admin", () => {
  it("hide a staff-only category from visitors and members on every page and in the API, and show it again when public", async () => {
    const category = await makeCategory(t.ctx, { name: "Internal notes" });
    const title = `Roadmap draft ${Date.now()}`;
    const topic = { ...(await makeTopic(t.ctx, admin, { categoryId: category.id, title })), title };
    const member = await makeUser(t.ctx);
    const staff = await makeUser(t.ctx, { staff: true });
    const [visitor, asMember, asStaff] = [new Client(t.server), await signedIn(member), await signedIn(staff)];
    expect(await probe(visitor, category.slug, topic)).toEqual(visible);

    expect((await setCategoryPermissions(t.ctx, admin, { id: category.id, permissions: [{ groupId: b.staff, level: "create" }] })).ok).toBe(true);
    expect(await probe(visitor, category.slug, topic)).toEqual(hidden);
    expect(await probe(asMember, category.slug, topic)).toEqual(hidden);
    expect(await probe(asStaff, category.slug, topic)).toEqual(visible);
    expect(await createPost(t.ctx, member, { topicId: topic.id, body: "Can I?" })).toMatchObject({ code: "not_found" });
    expect(await createTopic(t.ctx, member, { categoryId: category.id, title: "Sneaking in", body: "x" })).toMatchObject({ code: "forbidden" });

    expect((await setCategoryPermissions(t.ctx, admin, { id: category.id, permissions: [] })).ok).toBe(true);
    expect(await probe(visitor, category.slug, topic)).toEqual(visible);
  });

  it("let a custom group's members in, and a read-only level lets members read but not reply", async () => {
    const category = await makeCategory(t.ctx);
    const title = `Beta feedback ${Date.now()}`;
    const topic = { ...(await makeTopic(t.ctx, admin, { categoryId: category.id, title })), title };
    const tester = await makeUser(t.ctx);
    const outsider = await makeUser(t.ctx);
    const made = await createGroup(t.ctx, admin, { name: `beta-${Date.now()}` });
    if (!made.ok) throw new Error("group");
    const group = made.value;
    expect((await addGroupMember(t.ctx, admin, { groupId: group.id, username: tester.username })).ok).toBe(true);
    await setCategoryPermissions(t.ctx, admin, { id: category.id, permissions: [{ groupId: group.id, level: "reply" }, { groupId: b.members, level: "see" }] });
    expect(await probe(new Client(t.server), category.slug, topic)).toEqual(hidden);
    expect(await probe(await signedIn(outsider), category.slug, topic)).toEqual(visible);
    expect(await createPost(t.ctx, outsider, { topicId: topic.id, body: "Me too" })).toMatchObject({ code: "forbidden" });
    const testerActor = await actorOf(t.ctx, tester.id);
    expect(await createPost(t.ctx, testerActor, { topicId: topic.id, body: "Works for me" })).toMatchObject({ ok: true });
  });

  it("hide a public sub-category whose parent is restricted", async () => {
    const parent = await makeCategory(t.ctx);
    const child = await makeCategory(t.ctx, { parentId: parent.id });
    const title = `Nested secret ${Date.now()}`;
    const topic = { ...(await makeTopic(t.ctx, admin, { categoryId: child.id, title })), title };
    await setCategoryPermissions(t.ctx, admin, { id: parent.id, permissions: [{ groupId: b.moderators, level: "create" }] });
    expect(await probe(await signedIn(await makeUser(t.ctx)), child.slug, topic)).toEqual(hidden);
    expect(await probe(await signedIn(await makeUser(t.ctx, { role: "moderator" })), child.slug, topic)).toEqual(visible);
  });
});
