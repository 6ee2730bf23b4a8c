import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCategory, makeReply, makeTopic, makeUser } from "../../../../test/factories.js";
import { type TestApp, testApp } from "../../../../test/harness.js";
import { anonymous, system } from "../../actor.js";
import type { UserActor } from "../../actor.js";
import { createCategory } from "../../community/commands/createCategory.js";
import { deletePost } from "../../content/commands/deletePost.js";
import { getTopicPage } from "../../content/queries/getTopicPage.js";
import { listTopics } from "../../content/queries/listTopics.js";
import { acceptAnswer } from "./acceptAnswer.js";
import { unacceptAnswer } from "./unacceptAnswer.js";

describe("accepting answers", () => {
  let t: TestApp;
  let asker: UserActor;
  let helper: UserActor;
  let other: UserActor;
  let staff: UserActor;
  let questions: number;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
    [asker, helper, other] = await Promise.all([makeUser(t.ctx), makeUser(t.ctx), makeUser(t.ctx)]);
    staff = await makeUser(t.ctx, { staff: true });
    const cat = await createCategory(t.ctx, system, { name: "Q&A", contentType: "question" });
    if (!cat.ok) throw new Error("category");
    questions = cat.value.id;
  });
  afterAll(() => t.close());

  const stored = (topicId: number) => t.ctx.db.selectFrom("question_answers").selectAll().where("topic_id", "=", topicId).executeTakeFirst();

  async function question() {
    const topic = await makeTopic(t.ctx, asker, { categoryId: questions, title: "How do I export to CSV?" });
    const a = await makeReply(t.ctx, helper, topic.id, "Use the export button.");
    const b = await makeReply(t.ctx, other, topic.id, "Or the API.");
    return { topic, a, b };
  }

  it("lets the asker accept, change and take back the answer, telling the answer's author", async () => {
    const { topic, a, b } = await question();
    expect(await acceptAnswer(t.ctx, asker, { topicId: topic.id, postId: a.id })).toEqual({ ok: true, value: { topicId: topic.id, postId: a.id, changed: true } });
    expect((await stored(topic.id))?.post_id).toBe(a.id);
    const notes = await t.ctx.db.selectFrom("notifications").select(["kind", "actor_id"]).where("user_id", "=", helper.id).where("topic_id", "=", topic.id).execute();
    expect(notes).toEqual([{ kind: "questions.accepted", actor_id: asker.id }]);
    const page = await getTopicPage(t.ctx, anonymous, topic.id);
    expect(page.ok && page.value.typeData).toMatchObject({ type: "question", acceptedAnswer: { postId: a.id }, canAccept: false });
    const list = await listTopics(t.ctx, anonymous, { sort: "latest", categoryId: questions });
    expect(list.topics.find((i) => i.id === topic.id)?.typeSummary).toEqual({ type: "question", solved: true });

    expect((await acceptAnswer(t.ctx, asker, { topicId: topic.id, postId: a.id })).ok && "unchanged").toBe("unchanged");
    expect(await acceptAnswer(t.ctx, asker, { topicId: topic.id, postId: b.id })).toMatchObject({ ok: true, value: { postId: b.id, changed: true } });
    expect((await stored(topic.id))?.post_id).toBe(b.id);
    expect(await unacceptAnswer(t.ctx, asker, { topicId: topic.id })).toMatchObject({ ok: true, value: { postId: null, changed: true } });
    expect(await stored(topic.id)).toBeUndefined();
    const after = await listTopics(t.ctx, anonymous, { sort: "latest", categoryId: questions });
    expect(after.topics.find((i) => i.id === topic.id)?.typeSummary).toEqual({ type: "question", solved: false });
  });

  it("lets staff choose the answer of anyone's question", async () => {
    const { topic, a } = await question();
    expect((await acceptAnswer(t.ctx, staff, { topicId: topic.id, postId: a.id })).ok).toBe(true);
    expect((await stored(topic.id))?.accepted_by).toBe(staff.id);
  });

  it("refuses anyone else (forbidden) and visitors (unauthenticated), leaving the answer alone", async () => {
    const { topic, a, b } = await question();
    await acceptAnswer(t.ctx, asker, { topicId: topic.id, postId: a.id });
    expect(await acceptAnswer(t.ctx, other, { topicId: topic.id, postId: b.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await unacceptAnswer(t.ctx, helper, { topicId: topic.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await acceptAnswer(t.ctx, anonymous, { topicId: topic.id, postId: b.id })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect((await stored(topic.id))?.post_id).toBe(a.id);
  });

  it("answers not_found for a topic that does not exist", async () => {
    expect(await acceptAnswer(t.ctx, asker, { topicId: 99_999_999, postId: 1 })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("refuses the question itself, a deleted reply, another topic's reply and non-questions (invalid)", async () => {
    const { topic, a } = await question();
    const elsewhere = await question();
    expect(await acceptAnswer(t.ctx, asker, { topicId: topic.id, postId: topic.postId })).toMatchObject({ ok: false, code: "invalid" });
    expect(await acceptAnswer(t.ctx, asker, { topicId: topic.id, postId: elsewhere.a.id })).toMatchObject({ ok: false, code: "invalid" });
    expect((await deletePost(t.ctx, helper, { postId: a.id })).ok).toBe(true);
    expect(await acceptAnswer(t.ctx, asker, { topicId: topic.id, postId: a.id })).toMatchObject({ ok: false, code: "invalid", fields: { postId: { key: "validation.notAnAnswer" } } });
    expect(await acceptAnswer(t.ctx, asker, { topicId: topic.id, postId: "x" })).toMatchObject({ ok: false, code: "invalid" });
    const plain = await makeCategory(t.ctx);
    const discussion = await makeTopic(t.ctx, asker, { categoryId: plain.id });
    const reply = await makeReply(t.ctx, helper, discussion.id);
    expect(await acceptAnswer(t.ctx, asker, { topicId: discussion.id, postId: reply.id })).toMatchObject({ ok: false, code: "invalid" });
    expect(await stored(topic.id)).toBeUndefined();
  });

  it("shows a question as unsolved again when its accepted answer is deleted", async () => {
    const { topic, a } = await question();
    await acceptAnswer(t.ctx, asker, { topicId: topic.id, postId: a.id });
    await deletePost(t.ctx, helper, { postId: a.id });
    const page = await getTopicPage(t.ctx, anonymous, topic.id);
    expect(page.ok && page.value.typeData).toMatchObject({ acceptedAnswer: null });
  });
});
