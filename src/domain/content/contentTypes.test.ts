import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, type TestApp, testApp } from "../../../test/harness.js";
import { PASSWORD, makeTopic, makeUser } from "../../../test/factories.js";
import { system } from "../actor.js";
import { createCategory } from "../community/commands/createCategory.js";
import { updateCategory } from "../community/commands/updateCategory.js";
import { moveTopic } from "./commands/moveTopic.js";

describe("content types", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  const category = async (slug: string, contentType: string) => {
    const res = await createCategory(t.ctx, system, { name: slug, slug, contentType });
    if (!res.ok) throw new Error(JSON.stringify(res));
    return res.value;
  };

  it("gives a topic its category's type and keeps it within categories of that type", async () => {
    const questions = await category("ct-questions", "question");
    const moreQuestions = await category("ct-questions-2", "question");
    const chat = await category("ct-chat", "discussion");
    const member = await makeUser(t.ctx);
    const topic = await makeTopic(t.ctx, member, { categoryId: questions.id });
    const row = await t.ctx.db.selectFrom("topics").select("type").where("id", "=", topic.id).executeTakeFirstOrThrow();
    expect(row.type).toBe("question");
    const moderator = await makeUser(t.ctx, { role: "moderator" });
    const refused = await moveTopic(t.ctx, moderator, { topicId: topic.id, categoryId: chat.id });
    expect(refused).toMatchObject({ ok: false, code: "invalid", fields: { categoryId: { key: "content:validation.otherContentType" } } });
    expect(await moveTopic(t.ctx, moderator, { topicId: topic.id, categoryId: moreQuestions.id })).toMatchObject({ ok: true });
    const api = await new Client(t.server).json("GET", `/api/v1/topics/${topic.id}`);
    expect(api.json()).toMatchObject({ type: "question" });
  });

  it("accepts only known content types for categories, and changes a type only while a category is empty", async () => {
    expect(await createCategory(t.ctx, system, { name: "Odd", contentType: "poll" })).toMatchObject({ ok: false, code: "invalid", fields: { contentType: {} } });
    const empty = await category("ct-empty", "discussion");
    expect(await updateCategory(t.ctx, system, { id: empty.id, contentType: "event" })).toMatchObject({ ok: true });
    const cats = await t.ctx.cache.categories();
    expect(cats.byId.get(empty.id)?.contentType).toBe("event");
    const used = await category("ct-used", "discussion");
    await makeTopic(t.ctx, await makeUser(t.ctx), { categoryId: used.id });
    expect(await updateCategory(t.ctx, system, { id: used.id, contentType: "idea" })).toMatchObject({
      ok: false,
      code: "conflict",
      fields: { contentType: { key: "admin:validation.contentTypeInUse" } },
    });
  });

  it("asks where a new topic belongs, naming each category's kind, then shows that kind's form", async () => {
    await category("ct-ideas", "idea");
    const member = await makeUser(t.ctx);
    const c = new Client(t.server, { "accept-language": "ja" });
    await c.login(member.username, PASSWORD);
    const chooser = await c.get("/new-topic");
    expect(chooser.statusCode).toBe(200);
    expect(chooser.body).toContain("どこに投稿しますか");
    expect(chooser.body).toContain("アイデア");
    const cats = await t.ctx.cache.categories();
    const ideas = cats.bySlug.get("ct-ideas")!;
    const form = await c.get(`/new-topic?category=${ideas.id}`);
    expect(form.body).toContain("アイデアを投稿");
    expect(form.body).toContain(`value="${ideas.id}" selected`);
  });
});
