import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, makeReply, makeTopic, makeUser } from "../../test/factories.js";
import { Client, type TestApp, testApp } from "../../test/harness.js";
import type { UserActor } from "../domain/actor.js";
import { system } from "../domain/actor.js";
import { createCategory } from "../domain/community/commands/createCategory.js";

const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]);

describe("questions over HTTP", () => {
  let t: TestApp;
  let asker: UserActor;
  let helper: UserActor;
  let categoryId: number;
  let slug: string;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
    [asker, helper] = await Promise.all([makeUser(t.ctx, { name: "Asker" }), makeUser(t.ctx, { name: "Helper" })]);
    const cat = await createCategory(t.ctx, system, { name: "Questions", slug: "questions", contentType: "question" });
    if (!cat.ok) throw new Error("category");
    ({ id: categoryId, slug } = cat.value);
  });
  afterAll(() => t.close());

  it("lets the asker accept a reply with the form, then shows it under the question, as solved in lists, and in QAPage data", async () => {
    const topic = await makeTopic(t.ctx, asker, { categoryId, title: "設定画面が開きません", body: "設定画面を開くとエラーになります。" });
    const answer = await makeReply(t.ctx, helper, topic.id, "ブラウザのキャッシュを削除すると開けます。");
    const client = new Client(t.server, { "accept-language": "ja" });
    await client.login(asker.username, PASSWORD);
    const before = await client.get(topic.url);
    expect(before.body).toContain("ベストアンサーに選ぶ");
    expect(before.body).toContain(`action="/t/${topic.id}/accept"`);
    const res = await client.form(`/t/${topic.id}/accept`, { postId: String(answer.id) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${topic.url}#post-2`);

    const visitor = new Client(t.server, { "accept-language": "ja" });
    const page = await visitor.get(topic.url);
    expect(page.body).toContain('class="question-answer question-solved"');
    expect(page.body).toContain("ブラウザのキャッシュを削除すると開けます。");
    expect(page.body).not.toContain(`action="/t/${topic.id}/accept"`);
    const ld = jsonLd(page.body);
    expect(ld).toMatchObject({
      "@type": "QAPage",
      mainEntity: { "@type": "Question", name: "設定画面が開きません", answerCount: 1, acceptedAnswer: { "@type": "Answer", text: "ブラウザのキャッシュを削除すると開けます。", url: `http://hiroba.test${topic.url}#post-2` } },
    });
    const list = await visitor.get(`/c/${slug}`);
    expect(list.body).toMatch(/badge-solved[^>]*>.*?解決済み/s);
    const en = await new Client(t.server, { "accept-language": "en" }).get(`/c/${slug}`);
    expect(en.body).toContain("Solved");
  });

  it("refuses the form to someone who did not ask, with a translated page", async () => {
    const topic = await makeTopic(t.ctx, asker, { categoryId });
    const answer = await makeReply(t.ctx, helper, topic.id);
    const client = new Client(t.server, { "accept-language": "en" });
    await client.login(helper.username, PASSWORD);
    expect((await client.get(topic.url)).body).not.toContain("Accept as answer");
    const res = await client.form(`/t/${topic.id}/accept`, { postId: String(answer.id) });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Only the person who asked, staff and moderators can choose the accepted answer.");
  });

  it("accepts and takes back through the API, with JSON errors", async () => {
    const topic = await makeTopic(t.ctx, asker, { categoryId });
    const answer = await makeReply(t.ctx, helper, topic.id);
    const mine = new Client(t.server);
    await mine.login(asker.username, PASSWORD);
    const ok = await mine.json("POST", `/api/v1/topics/${topic.id}/accepted-answer`, { postId: answer.id });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ topicId: topic.id, postId: answer.id, changed: true });
    const shown = await new Client(t.server).json("GET", `/api/v1/topics/${topic.id}`);
    expect(shown.json().typeData).toMatchObject({ type: "question", acceptedAnswer: { postId: answer.id, postNumber: 2 }, canAccept: false });
    const list = await new Client(t.server).json("GET", `/api/v1/topics?categoryId=${categoryId}`);
    if (list.statusCode === 200) expect(list.json().topics.find((x: { id: number }) => x.id === topic.id)?.typeSummary).toEqual({ type: "question", solved: true });

    const theirs = new Client(t.server);
    await theirs.login(helper.username, PASSWORD);
    const forbidden = await theirs.json("DELETE", `/api/v1/topics/${topic.id}/accepted-answer`);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe("forbidden");
    const anonymous = await new Client(t.server).json("POST", `/api/v1/topics/${topic.id}/accepted-answer`, { postId: answer.id });
    expect(anonymous.statusCode).toBe(401);
    const invalid = await mine.json("POST", `/api/v1/topics/${topic.id}/accepted-answer`, { postId: topic.postId });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({ code: "invalid", fields: { postId: expect.any(String) } });
    const missing = await mine.json("POST", `/api/v1/topics/99999999/accepted-answer`, { postId: answer.id });
    expect(missing.statusCode).toBe(404);
    const removed = await mine.json("DELETE", `/api/v1/topics/${topic.id}/accepted-answer`);
    expect(removed.json()).toEqual({ topicId: topic.id, postId: null, changed: true });
  });
});

describe("question list filters", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
  });
  afterAll(() => t.close());

  it("filters a question category by solved, unsolved and no replies, on the page and in the API", async () => {
    const [asker, helper] = await Promise.all([makeUser(t.ctx), makeUser(t.ctx)]);
    const cat = await createCategory(t.ctx, system, { name: "Help", slug: "help", contentType: "question" });
    if (!cat.ok) throw new Error("category");
    const solved = await makeTopic(t.ctx, asker, { categoryId: cat.value.id, title: "Solved one zqsolved" });
    const answer = await makeReply(t.ctx, helper, solved.id);
    const open = await makeTopic(t.ctx, asker, { categoryId: cat.value.id, title: "Open one zqopen" });
    await makeReply(t.ctx, helper, open.id);
    await makeTopic(t.ctx, asker, { categoryId: cat.value.id, title: "Silent one zqsilent" });
    const client = new Client(t.server);
    await client.login(asker.username, PASSWORD);
    expect((await client.json("POST", `/api/v1/topics/${solved.id}/accepted-answer`, { postId: answer.id })).statusCode).toBe(200);

    const visitor = new Client(t.server, { "accept-language": "en" });
    const titles = (html: string) => ["zqsolved", "zqopen", "zqsilent"].filter((w) => html.includes(w));
    expect(titles((await visitor.get("/c/help")).body)).toEqual(["zqsolved", "zqopen", "zqsilent"]);
    const solvedPage = await visitor.get("/c/help?status=solved");
    expect(titles(solvedPage.body)).toEqual(["zqsolved"]);
    expect(solvedPage.body).toMatch(/<a href="\/c\/help\?status=solved" aria-current="page">Solved<\/a>/);
    expect(titles((await visitor.get("/c/help?status=unsolved")).body)).toEqual(["zqopen", "zqsilent"]);
    expect(titles((await visitor.get("/c/help?sort=unanswered")).body)).toEqual(["zqsilent"]);
    const api = await visitor.json("GET", "/api/v1/topics?category=help&status=unsolved");
    expect(api.json().topics.map((x: { title: string }) => x.title.split(" ").pop())).toEqual(["zqsilent", "zqopen"]);
  });
});
