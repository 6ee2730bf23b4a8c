import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../test/factories.js";
import { Client, type TestApp, testApp, clientFor } from "../../test/harness.js";
import type { UserActor } from "../domain/actor.js";

describe("surveys over HTTP", () => {
  let t: TestApp;
  let staff: UserActor;
  let member: UserActor;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
    staff = await makeUser(t.ctx, { staff: true });
    member = await makeUser(t.ctx);
  });
  afterAll(() => t.close());

  const signedIn = (user: UserActor, lang = "en") => clientFor(t, user.username, lang);

  it("builds a survey with the form in Japanese; a bad question comes back in its own slot with everything typed", async () => {
    const client = await signedIn(staff, "ja");
    expect((await client.get("/surveys/new")).body).toContain("アンケートを作成");
    const fields = {
      title: "2026 年 利用状況アンケート",
      description: "3 分で終わります。",
      status: "open",
      "q.0.prompt": "どのくらいの頻度で使いますか？", "q.0.kind": "single", "q.0.options": "毎日\n毎週\nほとんど使わない", "q.0.required": "on",
      "q.1.prompt": "", "q.1.kind": "single", "q.1.options": "",
      "q.2.prompt": "好きな機能は？", "q.2.kind": "multiple", "q.2.options": "レポート", "q.2.required": "on",
      "q.3.prompt": "友人に勧める可能性は？", "q.3.kind": "nps", "q.3.options": "",
    };
    const bad = await client.form("/surveys/new", fields);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/id="f-q\.2\.options-error"[^>]*>選択肢を 1 行に 1 つずつ、2 つ以上入力してください。/);
    expect(bad.body).toContain("2026 年 利用状況アンケート");
    expect(bad.body).toContain("友人に勧める可能性は？");
    const ok = await client.form("/surveys/new", { ...fields, "q.2.options": "レポート\nAPI\nモバイル" });
    expect(ok.statusCode).toBe(303);
    const page = await client.get(ok.headers.location as string);
    expect(page.body).toContain("アンケートを保存しました。");
  });

  it("takes a response with the form, keeps answers on a refused one, answers once; staff read results and the CSV", async () => {
    const admin = await signedIn(staff);
    const made = await admin.json("POST", "/api/v1/surveys", {
      title: "Support survey",
      status: "open",
      questions: [
        { kind: "single", prompt: "Did we solve your problem?", options: ["Yes", "Partly", "No"] },
        { kind: "rating", prompt: "Rate our support" },
        { kind: "nps", prompt: "Would you recommend us?" },
        { kind: "text", prompt: "What should we improve?", required: false },
      ],
    });
    expect(made.statusCode).toBe(201);
    const id = made.json().id as number;
    const survey = await new Client(t.server).json("GET", `/api/v1/surveys/${id}`);
    const qs = survey.json().questions as Array<{ id: number }>;
    expect(survey.json()).toMatchObject({ status: "open", canRespond: false });

    const visitor = await new Client(t.server).get(`/surveys/${id}`);
    expect(visitor.body).toContain("Log in to respond");
    const client = await signedIn(member);
    const refused = await client.form(`/surveys/${id}`, { [`a.${qs[0].id}`]: "1", [`a.${qs[3].id}`]: "Faster answers at night" });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Some answers need another look.");
    expect(refused.body).toContain("Choose an answer.");
    expect(refused.body).toContain(`name="a.${qs[0].id}" value="1" checked`);
    expect(refused.body).toContain("Faster answers at night");
    const sent = await client.form(`/surveys/${id}`, { [`a.${qs[0].id}`]: "1", [`a.${qs[1].id}`]: "4", [`a.${qs[2].id}`]: "9", [`a.${qs[3].id}`]: "Faster answers at night" });
    expect(sent.statusCode).toBe(303);
    expect((await client.get(`/surveys/${id}`)).body).toContain("Thank you for your answers!");
    const again = await client.json("POST", `/api/v1/surveys/${id}/responses`, { answers: { [qs[0].id]: 0, [qs[1].id]: 5, [qs[2].id]: 10 } });
    expect(again.statusCode).toBe(409);
    expect((await client.get(`/surveys/${id}/results`)).statusCode).toBe(403);

    const results = await admin.get(`/surveys/${id}/results`);
    expect(results.body).toContain("NPS +100");
    expect(results.body).toContain("Average 4 / 5");
    expect(results.body).toContain("Faster answers at night");
    const api = await admin.json("GET", `/api/v1/surveys/${id}/results`);
    expect(api.json()).toMatchObject({ total: 1, questions: [{ result: { kind: "single", options: [{ count: 0 }, { count: 1 }, { count: 0 }] } }, { result: { average: 4 } }, { result: { score: 100 } }, { result: { answered: 1 } }] });
    const csv = await admin.get(`/surveys/${id}/results.csv`);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.body.startsWith("\uFEFFresponse_id,submitted_at,member,Did we solve your problem?")).toBe(true);
    expect(csv.body).toContain(`,${member.username},Partly,4,9,Faster answers at night`);
    expect((await client.get(`/surveys/${id}/results.csv`)).statusCode).toBe(403);
  });
});
