import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, makeTopic, makeUser } from "../../test/factories.js";
import { Client, type TestApp, testApp, clientFor } from "../../test/harness.js";
import type { UserActor } from "../domain/actor.js";
import { system } from "../domain/actor.js";
import { createCategory } from "../domain/community/commands/createCategory.js";

describe("ideas over HTTP", () => {
  let t: TestApp;
  let author: UserActor;
  let voter: UserActor;
  let staff: UserActor;
  let categoryId: number;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
    [author, voter] = await Promise.all([makeUser(t.ctx), makeUser(t.ctx)]);
    staff = await makeUser(t.ctx, { staff: true, name: "Sato (Product)" });
    const cat = await createCategory(t.ctx, system, { name: "Ideas", slug: "ideas", contentType: "idea" });
    if (!cat.ok) throw new Error("category");
    categoryId = cat.value.id;
  });
  afterAll(() => t.close());

  const signedIn = (user: UserActor, lang = "en") => clientFor(t, user.username, lang);

  it("lets a member vote and withdraw with the forms, in Japanese, and shows the count", async () => {
    const topic = await makeTopic(t.ctx, author, { categoryId, title: "ダークモードに対応してほしい" });
    const client = await signedIn(voter, "ja");
    const before = await client.get(topic.url);
    expect(before.body).toContain(`action="/t/${topic.id}/vote"`);
    expect(before.body).toContain("新規");
    const voted = await client.form(`/t/${topic.id}/vote`, { next: topic.url });
    expect(voted.statusCode).toBe(303);
    expect(voted.headers.location).toBe(topic.url);
    const after = await client.get(topic.url);
    expect(after.body).toContain("投票しました");
    expect(after.body).toContain(`action="/t/${topic.id}/unvote"`);
    expect(after.body).toContain('<span class="idea-vote-count"><strong>1</strong>');
    await client.form(`/t/${topic.id}/unvote`, { next: topic.url });
    expect((await client.get(topic.url)).body).toContain('<span class="idea-vote-count"><strong>0</strong>');

    const visitor = await new Client(t.server, { "accept-language": "en" }).get(topic.url);
    expect(visitor.body).toContain("Log in to vote");
    const anonymous = await new Client(t.server).form(`/t/${topic.id}/vote`, { next: topic.url });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/login?next=${encodeURIComponent(topic.url)}`);
  });

  it("lets staff set a status with a response on the page; a bad submission keeps what was typed", async () => {
    const topic = await makeTopic(t.ctx, author, { categoryId, title: "Export reports to CSV" });
    const member = await signedIn(voter);
    await member.form(`/t/${topic.id}/vote`, {});
    expect((await member.get(topic.url)).body).not.toContain(`action="/t/${topic.id}/idea-status"`);
    expect((await member.form(`/t/${topic.id}/idea-status`, { status: "planned", response: "" })).statusCode).toBe(403);

    const team = await signedIn(staff);
    expect((await team.get(topic.url)).body).toContain(`action="/t/${topic.id}/idea-status"`);
    const bad = await team.form(`/t/${topic.id}/idea-status`, { status: "new", response: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Choose a different status or write a response.");
    expect(bad.body).toMatch(/<option value="new" selected/);
    const ja = await (await signedIn(staff, "ja")).form(`/t/${topic.id}/idea-status`, { status: "new", response: "" });
    expect(ja.body).toContain("別のステータスを選ぶか、回答を書いてください。");

    const saved = await team.form(`/t/${topic.id}/idea-status`, { status: "planned", response: "We will ship this in **April**." });
    expect(saved.statusCode).toBe(303);
    const page = await new Client(t.server, { "accept-language": "en" }).get(topic.url);
    expect(page.body).toMatch(/idea-status-planned[^>]*>Planned</);
    expect(page.body).toContain("<strong>April</strong>");
    expect(page.body).toContain("Response from the team");
    const notes = await member.json("GET", "/api/v1/notifications");
    expect(notes.json().notifications.find((n: { kind: string; topic: { id: number } }) => n.kind === "ideas.status" && n.topic.id === topic.id)).toBeTruthy();
  });

  it("votes and sets status through the API with JSON errors", async () => {
    const topic = await makeTopic(t.ctx, author, { categoryId, title: "Single sign-on with SAML" });
    const member = await signedIn(voter);
    const ok = await member.json("POST", `/api/v1/topics/${topic.id}/vote`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ topicId: topic.id, votes: 1, voted: true, changed: true });
    const shown = await new Client(t.server).json("GET", `/api/v1/topics/${topic.id}`);
    expect(shown.json().typeData).toMatchObject({ type: "idea", status: "new", votes: 1, voted: false });

    expect((await new Client(t.server).json("POST", `/api/v1/topics/${topic.id}/vote`)).statusCode).toBe(401);
    expect((await member.json("POST", `/api/v1/topics/99999999/vote`)).statusCode).toBe(404);
    const forbidden = await member.json("PUT", `/api/v1/topics/${topic.id}/idea-status`, { status: "planned" });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe("forbidden");
    const team = await signedIn(staff);
    const invalid = await team.json("PUT", `/api/v1/topics/${topic.id}/idea-status`, { status: "someday" });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe("invalid");
    const declined = await team.json("PUT", `/api/v1/topics/${topic.id}/idea-status`, { status: "declined", response: "Not for now." });
    expect(declined.json()).toMatchObject({ topicId: topic.id, status: "declined", previousStatus: "new", notified: 2 });
    const closed = await (await signedIn(author)).json("POST", `/api/v1/topics/${topic.id}/vote`);
    expect(closed.statusCode).toBe(400);
    expect(closed.json().error.message).toBe("This idea is done or declined, so voting has ended.");
    const withdrawn = await member.json("DELETE", `/api/v1/topics/${topic.id}/vote`);
    expect(withdrawn.json()).toMatchObject({ votes: 0, voted: false, changed: true });
  });

  it("refuses a vote over the admin's limit with 409 and a message on the page", async () => {
    const admin = new Client(t.server, { "accept-language": "en" });
    await admin.login("admin", PASSWORD);
    const settings = await admin.get("/admin/settings");
    expect(settings.body).toContain('name="ideaVoteLimit"');
    const tooMany = await admin.form("/admin/settings", { name: "Test Community", description: "", defaultLocale: "en", theme: "support", ideaVoteLimit: "-3" });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('value="-3"');
    const saved = await admin.form("/admin/settings", { name: "Test Community", description: "", defaultLocale: "en", theme: "support", ideaVoteLimit: "1" });
    expect(saved.statusCode).toBe(303);
    expect((await t.ctx.cache.settings()).ideaVoteLimit).toBe(1);
    const member = await signedIn(await makeUser(t.ctx));
    const [a, b] = [await makeTopic(t.ctx, author, { categoryId }), await makeTopic(t.ctx, author, { categoryId })];
    expect((await member.json("POST", `/api/v1/topics/${a.id}/vote`)).statusCode).toBe(200);
    const over = await member.json("POST", `/api/v1/topics/${b.id}/vote`);
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe("conflict");
    const form = await member.form(`/t/${b.id}/vote`, { next: b.url });
    expect(form.statusCode).toBe(303);
    expect((await member.get(b.url)).body).toContain("You have used all your votes on open ideas.");
    await admin.form("/admin/settings", { name: "Test Community", description: "", defaultLocale: "en", theme: "support", ideaVoteLimit: "0" });
  });

  it("shows the board sorted by votes, newest and filtered by status, and the roadmap by status, in both languages", async () => {
    const cat = await createCategory(t.ctx, system, { name: "Board", slug: "board", contentType: "idea" });
    if (!cat.ok) throw new Error("category");
    const low = await makeTopic(t.ctx, author, { categoryId: cat.value.id, title: "Low zqlow" });
    const high = await makeTopic(t.ctx, author, { categoryId: cat.value.id, title: "High zqhigh" });
    await makeTopic(t.ctx, author, { categoryId: cat.value.id, title: "Fresh zqfresh" });
    for (const u of [voter, staff]) await (await signedIn(u)).json("POST", `/api/v1/topics/${high.id}/vote`);
    await (await signedIn(voter)).json("POST", `/api/v1/topics/${low.id}/vote`);
    await (await signedIn(staff)).json("PUT", `/api/v1/topics/${low.id}/idea-status`, { status: "in_progress", response: "Started." });

    const order = (html: string) => ["zqhigh", "zqlow", "zqfresh"].map((w) => [w, html.indexOf(w)] as const).filter(([, i]) => i >= 0).sort((x, y) => x[1] - y[1]).map(([w]) => w);
    const visitor = new Client(t.server, { "accept-language": "en" });
    const board = await visitor.get("/ideas?category=board");
    expect(board.statusCode).toBe(200);
    expect(order(board.body)).toEqual(["zqhigh", "zqlow", "zqfresh"]);
    expect(board.body).toContain("Most votes");
    expect(order((await visitor.get("/ideas?category=board&sort=new")).body)).toEqual(["zqfresh", "zqhigh", "zqlow"]);
    expect(order((await visitor.get("/ideas?category=board&status=in_progress")).body)).toEqual(["zqlow"]);
    expect((await visitor.get("/ideas?category=nope")).statusCode).toBe(404);
    const ja = await new Client(t.server, { "accept-language": "ja" }).get("/ideas?category=board");
    expect(ja.body).toContain("アイデア");

    const roadmap = await visitor.get("/roadmap");
    expect(roadmap.statusCode).toBe(200);
    const column = roadmap.body.slice(roadmap.body.indexOf("roadmap-in_progress"));
    expect(column.indexOf("zqlow")).toBeGreaterThan(0);
    expect(roadmap.body).not.toContain("zqfresh");
    const api = await visitor.json("GET", "/api/v1/ideas?category=board&sort=votes");
    expect(api.json().topics.map((x: { title: string }) => x.title.split(" ").pop())).toEqual(["zqhigh", "zqlow", "zqfresh"]);
    const columns = (await visitor.json("GET", "/api/v1/ideas/roadmap")).json().columns;
    expect(columns.find((c: { status: string }) => c.status === "in_progress").topics.map((x: { id: number }) => x.id)).toContain(low.id);
  });

  it("offers Ideas, Products and Events in the navigation only where the reader can see such a category", async () => {
    const plain = await testApp();
    try {
      const before = await new Client(plain.server).get("/latest");
      expect(before.body).toContain('href="/surveys"');
      for (const href of ["/ideas", "/products", "/events"]) expect(before.body).not.toContain(`href="${href}"`);
      await createCategory(plain.ctx, system, { name: "Feedback", contentType: "idea" });
      await createCategory(plain.ctx, system, { name: "Meetups", contentType: "event" });
      const after = await new Client(plain.server).get("/latest");
      expect(after.body).toContain('href="/ideas"');
      expect(after.body).toContain('href="/events"');
      expect(after.body).not.toContain('href="/products"');
    } finally {
      await plain.close();
    }
  });
});
