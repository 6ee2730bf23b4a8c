import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCategory, makeUser } from "../../../test/factories.js";
import { type TestApp, testApp } from "../../../test/harness.js";
import { anonymous } from "../actor.js";
import type { UserActor } from "../actor.js";
import { createPost } from "../content/commands/createPost.js";
import { createTopic } from "../content/commands/createTopic.js";
import { lockTopic } from "../content/commands/lockTopic.js";
import { getTopicPage } from "../content/queries/getTopicPage.js";
import { setCategoryPermissions } from "../community/commands/setCategoryPermissions.js";
import { actorOf } from "../../../test/audit.js";
import { closePoll } from "./commands/closePoll.js";
import { votePoll, withdrawPollVote } from "./commands/votePoll.js";

describe("polls", () => {
  let t: TestApp;
  let author: UserActor;
  let voters: UserActor[];
  let moderator: UserActor;
  let categoryId: number;
  let now = Date.parse("2026-12-01T09:00:00Z");

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" }, clock: () => new Date(now) });
    author = await makeUser(t.ctx);
    voters = await Promise.all([makeUser(t.ctx), makeUser(t.ctx), makeUser(t.ctx)]);
    moderator = await makeUser(t.ctx, { role: "moderator" });
    categoryId = (await makeCategory(t.ctx)).id;
  });
  afterAll(() => t.close());

  const withPoll = async (poll: Record<string, unknown>, actor = author) => {
    const res = await createTopic(t.ctx, actor, { categoryId, title: "Which day suits the meetup?", body: "Vote below.", poll });
    if (!res.ok) throw new Error(JSON.stringify(res));
    const row = await t.ctx.db.selectFrom("polls").innerJoin("posts", "posts.id", "polls.post_id").select(["polls.id"]).where("posts.topic_id", "=", res.value.id).executeTakeFirstOrThrow();
    const options = await t.ctx.db.selectFrom("poll_options").select("id").where("poll_id", "=", row.id).orderBy("position").execute();
    return { topicId: res.value.id, pollId: row.id, options: options.map((o) => o.id) };
  };

  it("refuses a poll without a question, with fewer than two or duplicate options, or closing in the past", async () => {
    const make = (poll: unknown) => createTopic(t.ctx, author, { categoryId, title: "A poll that is not right", body: "Body text.", poll });
    expect(await make({ question: "", options: "a\nb" })).toMatchObject({ ok: false, code: "invalid", fields: { "poll.question": { key: "validation.required" } } });
    expect(await make({ question: "Q?", options: "only one" })).toMatchObject({ ok: false, fields: { "poll.options": { key: "validation.pollTooFewOptions" } } });
    expect(await make({ question: "Q?", options: "Same\nsame" })).toMatchObject({ ok: false, fields: { "poll.options": { key: "validation.pollDuplicateOptions" } } });
    expect(await make({ question: "Q?", options: Array.from({ length: 21 }, (_, i) => `o${i}`) })).toMatchObject({ ok: false, fields: { "poll.options": { key: "validation.pollTooManyOptions" } } });
    expect(await make({ question: "Q?", options: ["a", "b"], closesAt: "2026-11-01T00:00:00Z" })).toMatchObject({ ok: false, fields: { "poll.closesAt": { key: "validation.pollClosesInPast" } } });
    // An empty poll section is no poll at all.
    const plain = await make({ question: "", options: "", results: "after_vote", duration: "" });
    expect(plain.ok).toBe(true);
  });

  it("counts one vote per member, changeable and withdrawable until it closes; results hidden until voting", async () => {
    const { pollId, options, topicId } = await withPoll({ question: "Which day?", options: "Monday\nTuesday\nFriday", duration: "24" });
    const before = await getTopicPage(t.ctx, voters[0], topicId);
    const view = before.ok ? before.value.posts[0].extensions.poll : null;
    expect(view).toMatchObject({ question: "Which day?", multiple: false, canVote: true, showResults: false, options: [{ label: "Monday", votes: null }, { votes: null }, { votes: null }] });
    expect(await votePoll(t.ctx, voters[0], { pollId, optionIds: [options[0], options[1]] })).toMatchObject({ ok: false, code: "invalid", fields: { optionIds: { key: "validation.pollSingle" } } });
    expect(await votePoll(t.ctx, voters[0], { pollId, optionIds: [] })).toMatchObject({ ok: false, code: "invalid", fields: { optionIds: { key: "validation.pollChoose" } } });
    expect(await votePoll(t.ctx, voters[0], { pollId, optionIds: [999_999] })).toMatchObject({ ok: false, code: "invalid" });
    expect(await votePoll(t.ctx, anonymous, { pollId, optionIds: [options[0]] })).toMatchObject({ ok: false, code: "unauthenticated" });
    const first = await votePoll(t.ctx, voters[0], { pollId, optionIds: [options[0]] });
    expect(first).toMatchObject({ ok: true, value: { voters: 1, showResults: true, myChoices: [options[0]], options: [{ votes: 1 }, { votes: 0 }, { votes: 0 }] } });
    await votePoll(t.ctx, voters[1], { pollId, optionIds: [options[0]] });
    const changed = await votePoll(t.ctx, voters[0], { pollId, optionIds: [options[2]] });
    expect(changed).toMatchObject({ ok: true, value: { voters: 2, options: [{ votes: 1 }, { votes: 0 }, { votes: 1 }] } });
    const withdrawn = await withdrawPollVote(t.ctx, voters[1], { pollId });
    expect(withdrawn).toMatchObject({ ok: true, value: { voters: 1, myChoices: [], showResults: false, options: [{ votes: null }, { votes: null }, { votes: null }] } });
    // A day later it is closed: no more votes, results for everyone.
    now += 25 * 3_600_000;
    expect(await votePoll(t.ctx, voters[2], { pollId, optionIds: [options[0]] })).toMatchObject({ ok: false, code: "invalid", messageKey: "polls:errors.closed" });
    expect(await withdrawPollVote(t.ctx, voters[0], { pollId })).toMatchObject({ ok: false, code: "invalid", messageKey: "polls:errors.closed" });
    const after = await getTopicPage(t.ctx, anonymous, topicId);
    expect(after.ok && after.value.posts[0].extensions.poll).toMatchObject({ closed: true, canVote: false, showResults: true, options: [{ votes: 0 }, { votes: 0 }, { votes: 1 }] });
  });

  it("takes several choices in a multiple-choice poll; results after close stay hidden from voters until then", async () => {
    const { pollId, options } = await withPoll({ question: "Which features?", options: ["Export", "Dark mode", "API"], multiple: true, results: "after_close" });
    const res = await votePoll(t.ctx, voters[0], { pollId, optionIds: [options[0], options[2]] });
    expect(res).toMatchObject({ ok: true, value: { myChoices: [options[0], options[2]], showResults: false, options: [{ votes: null }, { votes: null }, { votes: null }] } });
    expect(await closePoll(t.ctx, voters[0], { pollId })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await closePoll(t.ctx, author, { pollId })).toMatchObject({ ok: true });
    expect(await closePoll(t.ctx, author, { pollId })).toMatchObject({ ok: false, code: "conflict" });
    const voted = await t.ctx.db.selectFrom("poll_options").select(["label", "vote_count"]).where("poll_id", "=", pollId).orderBy("position").execute();
    expect(voted).toEqual([{ label: "Export", vote_count: 1 }, { label: "Dark mode", vote_count: 0 }, { label: "API", vote_count: 1 }]);
  });

  it("works in replies, stops on locked topics, lets moderators close, and hides polls of hidden categories", async () => {
    const topic = await createTopic(t.ctx, author, { categoryId, title: "Meetup planning thread", body: "Let us plan." });
    if (!topic.ok) throw new Error("topic");
    const reply = await createPost(t.ctx, voters[0], { topicId: topic.value.id, body: "A quick poll:", poll: { question: "Online or in person?", options: ["Online", "In person"], results: "always" } });
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    const page = await getTopicPage(t.ctx, anonymous, topic.value.id);
    const poll = page.ok ? page.value.posts[1].extensions.poll : undefined;
    expect(poll).toMatchObject({ question: "Online or in person?", showResults: true, canVote: false, options: [{ votes: 0 }, { votes: 0 }] });
    expect((await lockTopic(t.ctx, moderator, { topicId: topic.value.id, locked: true })).ok).toBe(true);
    expect(await votePoll(t.ctx, voters[1], { pollId: poll!.id, optionIds: [poll!.options[0].id] })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await closePoll(t.ctx, moderator, { pollId: poll!.id })).toMatchObject({ ok: true });
    const audit = await t.ctx.db.selectFrom("audit_log").select("action").where("action", "=", "poll.close").execute();
    expect(audit).toHaveLength(1);

    const admin = await actorOf(t.ctx, t.adminId);
    const secret = await makeCategory(t.ctx);
    const hidden = await createTopic(t.ctx, admin, { categoryId: secret.id, title: "Staff-only poll here", body: "Staff only.", poll: { question: "Budget?", options: ["A", "B"] } });
    if (!hidden.ok) throw new Error("hidden");
    const groups = (await t.ctx.cache.groups()).builtin;
    expect((await setCategoryPermissions(t.ctx, admin, { id: secret.id, permissions: [{ groupId: groups.staff, level: "create" }] })).ok).toBe(true);
    const row = await t.ctx.db.selectFrom("polls").innerJoin("posts", "posts.id", "polls.post_id").select("polls.id").where("posts.topic_id", "=", hidden.value.id).executeTakeFirstOrThrow();
    expect(await votePoll(t.ctx, voters[0], { pollId: row.id, optionIds: [1] })).toMatchObject({ ok: false, code: "not_found" });
  });
});
