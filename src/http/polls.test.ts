import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCategory, makeUser } from "../../test/factories.js";
import { Client, type TestApp, testApp, clientFor } from "../../test/harness.js";
import type { UserActor } from "../domain/actor.js";

describe("polls over HTTP", () => {
  let t: TestApp;
  let author: UserActor;
  let voter: UserActor;
  let categoryId: number;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
    [author, voter] = await Promise.all([makeUser(t.ctx), makeUser(t.ctx)]);
    categoryId = (await makeCategory(t.ctx)).id;
  });
  afterAll(() => t.close());

  const signedIn = (user: UserActor, lang = "en") => clientFor(t, user.username, lang);
  const pollOf = async (topicId: number) =>
    t.ctx.db.selectFrom("polls").innerJoin("posts", "posts.id", "polls.post_id").select("polls.id").where("posts.topic_id", "=", topicId).orderBy("polls.id", "desc").executeTakeFirstOrThrow();

  it("adds a poll with the new-topic form in Japanese; a bad poll keeps everything typed", async () => {
    const client = await signedIn(author, "ja");
    const form = await client.get(`/new-topic?category=${categoryId}`);
    expect(form.body).toContain("投票（アンケート）を追加");
    const fields = { categoryId: String(categoryId), title: "次回の勉強会の日程", body: "都合の良い日を教えてください。", tags: "", "poll.question": "何曜日がいいですか？", "poll.options": "月曜日", "poll.results": "after_vote", "poll.duration": "72" };
    const bad = await client.form("/new-topic", fields);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("選択肢を 1 行に 1 つずつ、2 つ以上入力してください。");
    expect(bad.body).toContain("都合の良い日を教えてください。");
    expect(bad.body).toContain("何曜日がいいですか？");
    expect(bad.body).toContain('<option value="72" selected>');
    const ok = await client.form("/new-topic", { ...fields, "poll.options": "月曜日\n水曜日\n金曜日" });
    expect(ok.statusCode).toBe(303);
    const page = await client.get(ok.headers.location as string);
    expect(page.body).toContain("何曜日がいいですか？");
    expect(page.body).toContain('type="radio" name="option"');
    expect(page.body).toContain("結果は投票後に表示されます。");
  });

  it("marks only the posts that carry a poll, and a page asks for polls only for marked posts", async () => {
    const client = await signedIn(author);
    const created = await client.json("POST", "/api/v1/topics", { categoryId, title: "Release day survey", body: "No poll in the first post." });
    const topicId = created.json().id as number;
    const reply = await client.json("POST", `/api/v1/topics/${topicId}/posts`, { body: "A poll in a reply.", poll: { question: "Which day?", options: ["Tuesday", "Thursday"] } });
    expect(reply.statusCode).toBe(201);
    const marks = await t.ctx.db.selectFrom("posts").select(["post_number", "extensions"]).where("topic_id", "=", topicId).orderBy("post_number").execute();
    expect(marks).toEqual([
      { post_number: 1, extensions: "" },
      { post_number: 2, extensions: "poll" },
    ]);
    const shown = await client.json("GET", `/api/v1/topics/${topicId}`);
    expect((shown.json().posts as Array<{ extensions?: { poll?: { question: string } } }>).map((p) => p.extensions?.poll?.question ?? null)).toEqual([null, "Which day?"]);
    // The mark is what a page goes by: without it the poll is not looked up.
    await t.ctx.db.updateTable("posts").set({ extensions: "" }).where("id", "=", reply.json().id).execute();
    t.ctx.cache.invalidate("pages");
    const unmarked = await client.json("GET", `/api/v1/topics/${topicId}`);
    expect((unmarked.json().posts as Array<{ extensions?: unknown }>).every((p) => p.extensions === undefined)).toBe(true);
  });

  it("votes with the form, changes and withdraws; visitors are sent to log in; the API hides counts until voting", async () => {
    const client = await signedIn(author);
    const created = await client.json("POST", "/api/v1/topics", { categoryId, title: "Pick our next webinar", body: "One topic per month.", poll: { question: "Which topic?", options: ["Reporting", "API", "Security"] } });
    expect(created.statusCode).toBe(201);
    const topicId = created.json().id as number;
    const { id: pollId } = await pollOf(topicId);
    const member = await signedIn(voter);
    const hidden = await member.json("GET", `/api/v1/polls/${pollId}`);
    expect(hidden.json()).toMatchObject({ showResults: false, canVote: true, options: [{ label: "Reporting", votes: null }, { votes: null }, { votes: null }] });
    const optionIds = (hidden.json().options as Array<{ id: number }>).map((o) => o.id);
    const url = created.json().url as string;
    const none = await member.form(`/polls/${pollId}/vote`, { next: url });
    expect(none.statusCode).toBe(303);
    expect((await member.get(url)).body).toContain("Choose an option to vote.");
    const voted = await member.form(`/polls/${pollId}/vote`, { option: String(optionIds[1]), next: url });
    expect(voted.headers.location).toBe(url);
    const after = await member.get(url);
    expect(after.body).toContain("Your vote was saved.");
    expect(after.body).toContain("100% · 1 vote");
    const api = await member.json("POST", `/api/v1/polls/${pollId}/vote`, { optionIds: [optionIds[2]] });
    expect(api.json()).toMatchObject({ myChoices: [optionIds[2]], options: [{ votes: 0 }, { votes: 0 }, { votes: 1 }] });
    const both = await member.json("POST", `/api/v1/polls/${pollId}/vote`, { optionIds: [optionIds[0], optionIds[1]] });
    expect(both.statusCode).toBe(400);
    expect(both.json().error).toMatchObject({ code: "invalid", fields: { optionIds: "Choose only one option." } });
    expect((await member.json("DELETE", `/api/v1/polls/${pollId}/vote`)).json()).toMatchObject({ myChoices: [], voters: 0 });
    const visitor = await new Client(t.server).form(`/polls/${pollId}/vote`, { option: String(optionIds[0]), next: url });
    expect(visitor.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    expect((await new Client(t.server).json("POST", `/api/v1/polls/${pollId}/vote`, { optionIds: [optionIds[0]] })).statusCode).toBe(401);
    expect((await member.json("GET", "/api/v1/polls/99999999")).statusCode).toBe(404);

    // Closing: only the author; then votes are refused with 400 and results show to everyone.
    expect((await member.json("POST", `/api/v1/polls/${pollId}/close`)).statusCode).toBe(403);
    expect((await client.form(`/polls/${pollId}/close`, { next: url })).statusCode).toBe(303);
    const closed = await member.json("POST", `/api/v1/polls/${pollId}/vote`, { optionIds: [optionIds[0]] });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.message).toBe("This poll is closed.");
    const shown = await new Client(t.server).json("GET", `/api/v1/topics/${topicId}`);
    expect(shown.json().posts[0].extensions.poll).toMatchObject({ closed: true, showResults: true, options: [{ votes: 0 }, { votes: 0 }, { votes: 0 }] });
  });

  it("adds a poll to a reply through the API, and refuses a bad one with field errors", async () => {
    const client = await signedIn(author);
    const created = await client.json("POST", "/api/v1/topics", { categoryId, title: "A thread for a reply poll", body: "Body." });
    const topicId = created.json().id as number;
    const bad = await client.json("POST", `/api/v1/topics/${topicId}/posts`, { body: "Poll:", poll: { question: "Yes or no?", options: ["Yes", "yes"] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields["poll.options"]).toBe("Each option must be different.");
    const good = await client.json("POST", `/api/v1/topics/${topicId}/posts`, { body: "Poll:", poll: { question: "Yes or no?", options: ["Yes", "No"], multiple: true, results: "always", closesAt: "2099-01-01T00:00:00+09:00" } });
    expect(good.statusCode).toBe(201);
    const { id: pollId } = await pollOf(topicId);
    const read = await new Client(t.server).json("GET", `/api/v1/polls/${pollId}`);
    expect(read.json()).toMatchObject({ multiple: true, results: "always", showResults: true, closesAt: "2098-12-31T15:00:00.000Z", canVote: false });
  });
});
