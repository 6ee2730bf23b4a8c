import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../../test/factories.js";
import { type TestApp, testApp } from "../../../test/harness.js";
import { anonymous } from "../actor.js";
import type { UserActor } from "../actor.js";
import { saveSurvey } from "./commands/saveSurvey.js";
import { respondToSurvey } from "./commands/respond.js";
import { getSurvey, getSurveyResults, listSurveys, surveyCsv } from "./queries/surveys.js";
import { questionsOf } from "./repo.js";

describe("surveys", () => {
  let now = new Date("2026-12-01T09:00:00Z");
  let t: TestApp;
  let staff: UserActor;
  let members: UserActor[];

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" }, clock: () => now });
    staff = await makeUser(t.ctx, { staff: true });
    members = await Promise.all([1, 2, 3, 4].map(() => makeUser(t.ctx)));
  });
  afterAll(() => t.close());

  const questions = [
    { kind: "single", prompt: "How often do you use reports?", options: "Daily\nWeekly\nRarely" },
    { kind: "multiple", prompt: "Which features do you use?", options: ["Reports", "API", "Mobile"] },
    { kind: "rating", prompt: "How satisfied are you?" },
    { kind: "nps", prompt: "How likely are you to recommend us?" },
    { kind: "text", prompt: "Anything else?", required: "off" },
  ];

  it("lets staff build a survey and refuses bad questions; members cannot build one", async () => {
    expect(await saveSurvey(t.ctx, members[0], { title: "Mine", questions })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await saveSurvey(t.ctx, anonymous, { title: "Mine", questions })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await saveSurvey(t.ctx, staff, { title: "Empty", questions: [] })).toMatchObject({ ok: false, fields: { questions: { key: "validation.surveyNoQuestions" } } });
    expect(await saveSurvey(t.ctx, staff, { title: "One option", questions: [{ kind: "single", prompt: "Pick", options: "Only" }] })).toMatchObject({ ok: false, fields: { "questions.0.options": { key: "validation.surveyOptions" } } });
    const made = await saveSurvey(t.ctx, staff, { title: "Product survey 2026", description: "Five questions.", status: "draft", questions });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const saved = await questionsOf(t.ctx.db, made.value.id);
    expect(saved.map((q) => [q.kind, q.options.length, q.required])).toEqual([["single", 3, true], ["multiple", 3, true], ["rating", 0, true], ["nps", 0, true], ["text", 0, false]]);
    // A draft is the staff's only.
    expect((await getSurvey(t.ctx, members[0], made.value.id)).ok).toBe(false);
    expect((await listSurveys(t.ctx, members[0])).surveys).toEqual([]);
  });

  it("takes one response per member, checks each answer's kind, and shows results with NPS, a timeline and CSV", async () => {
    const made = await saveSurvey(t.ctx, staff, { title: "Customer survey", status: "open", questions });
    if (!made.ok) throw new Error("survey");
    const id = made.value.id;
    const qs = await questionsOf(t.ctx.db, id);
    const answers = (single: number, multiple: number[], rating: number, nps: number, text = "") => ({ [qs[0].id]: String(single), [qs[1].id]: multiple.map(String), [qs[2].id]: String(rating), [qs[3].id]: String(nps), [qs[4].id]: text });

    const bad = await respondToSurvey(t.ctx, members[0], { surveyId: id, answers: { [qs[0].id]: "7", [qs[2].id]: "6", [qs[3].id]: "11" } });
    expect(bad).toMatchObject({ ok: false, code: "invalid", fields: { [`answers.${qs[0].id}`]: { key: "validation.choice" }, [`answers.${qs[1].id}`]: { key: "validation.surveyChoose" }, [`answers.${qs[2].id}`]: { key: "validation.rating" }, [`answers.${qs[3].id}`]: { key: "validation.nps" } } });
    expect(await respondToSurvey(t.ctx, anonymous, { surveyId: id, answers: {} })).toMatchObject({ ok: false, code: "unauthenticated" });

    expect((await respondToSurvey(t.ctx, members[0], { surveyId: id, answers: answers(0, [0, 1], 5, 10, "=HYPERLINK(\"x\") please, more exports") })).ok).toBe(true);
    expect(await respondToSurvey(t.ctx, members[0], { surveyId: id, answers: answers(1, [1], 4, 9) })).toMatchObject({ ok: false, code: "conflict" });
    now = new Date("2026-12-03T10:00:00Z");
    expect((await respondToSurvey(t.ctx, members[1], { surveyId: id, answers: answers(1, [1], 3, 7) })).ok).toBe(true);
    expect((await respondToSurvey(t.ctx, members[2], { surveyId: id, answers: answers(1, [2], 2, 3, "Slow on phones") })).ok).toBe(true);
    // Questions are fixed once people answered.
    expect(await saveSurvey(t.ctx, staff, { id, title: "Customer survey", status: "open", questions: questions.slice(1) })).toMatchObject({ ok: false, code: "conflict" });
    expect((await saveSurvey(t.ctx, staff, { id, title: "Customer survey (closed)", status: "closed", questions })).ok).toBe(true);
    expect(await respondToSurvey(t.ctx, members[3], { surveyId: id, answers: answers(0, [0], 5, 10) })).toMatchObject({ ok: false, code: "invalid", messageKey: "surveys:errors.closed" });

    expect(await getSurveyResults(t.ctx, members[0], id)).toMatchObject({ ok: false, code: "forbidden" });
    const res = await getSurveyResults(t.ctx, staff, id);
    if (!res.ok) throw new Error("results");
    const [single, multiple, rating, nps, text] = res.value.questions.map((q) => q.result);
    expect(single).toMatchObject({ answered: 3, options: [{ label: "Daily", count: 1 }, { label: "Weekly", count: 2 }, { label: "Rarely", count: 0 }] });
    expect(multiple).toMatchObject({ options: [{ count: 1 }, { count: 2 }, { count: 1 }] });
    expect(rating).toMatchObject({ average: 10 / 3, distribution: [0, 1, 1, 0, 1] });
    // One promoter (10), one passive (7), one detractor (3): NPS 0.
    expect(nps).toMatchObject({ promoters: 1, passives: 1, detractors: 1, score: 0 });
    expect(text).toMatchObject({ answered: 2, latest: [{ text: "Slow on phones" }, { text: "=HYPERLINK(\"x\") please, more exports" }] });
    expect(res.value.timeline).toEqual([{ day: "2026-12-01", count: 1 }, { day: "2026-12-02", count: 0 }, { day: "2026-12-03", count: 2 }]);

    const csv = await surveyCsv(t.ctx, staff, id);
    if (!csv.ok) throw new Error("csv");
    const lines = csv.value.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("response_id,submitted_at,member,How often do you use reports?,Which features do you use?,How satisfied are you?,How likely are you to recommend us?,Anything else?");
    expect(lines[1]).toContain(`,${members[0].username},Daily,Reports; API,5,10,"'=HYPERLINK(""x"") please, more exports"`);
    expect(lines).toHaveLength(4);
  });

  it("limits a survey to chosen groups", async () => {
    const groups = (await t.ctx.cache.groups()).builtin;
    const made = await saveSurvey(t.ctx, staff, { title: "For moderators", status: "open", groupIds: [groups.moderators], questions: questions.slice(2, 3) });
    if (!made.ok) throw new Error("survey");
    expect((await getSurvey(t.ctx, members[0], made.value.id)).ok).toBe(false);
    expect(await respondToSurvey(t.ctx, members[0], { surveyId: made.value.id, answers: {} })).toMatchObject({ ok: false, code: "not_found" });
    const moderator = await makeUser(t.ctx, { role: "moderator" });
    expect(await getSurvey(t.ctx, moderator, made.value.id)).toMatchObject({ ok: true, value: { canRespond: true } });
  });
});
