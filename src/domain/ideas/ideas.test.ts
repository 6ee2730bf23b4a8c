import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCategory, makeTopic, makeUser } from "../../../test/factories.js";
import { actorOf } from "../../../test/audit.js";
import { type TestApp, testApp } from "../../../test/harness.js";
import { anonymous, system } from "../actor.js";
import type { UserActor } from "../actor.js";
import { createCategory } from "../community/commands/createCategory.js";
import { setCategoryPermissions } from "../community/commands/setCategoryPermissions.js";
import { updateSettings } from "../community/commands/updateSettings.js";
import { getTopicPage } from "../content/queries/getTopicPage.js";
import { setIdeaStatus } from "./commands/setIdeaStatus.js";
import { voteForIdea, withdrawIdeaVote } from "./commands/vote.js";
import { getRoadmap, listIdeas } from "./queries/ideaBoard.js";

describe("ideas", () => {
  let t: TestApp;
  let author: UserActor;
  let voter: UserActor;
  let staff: UserActor;
  let admin: UserActor;
  let ideas: number;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
    [author, voter] = await Promise.all([makeUser(t.ctx), makeUser(t.ctx)]);
    staff = await makeUser(t.ctx, { staff: true });
    admin = await actorOf(t.ctx, t.adminId);
    const cat = await createCategory(t.ctx, system, { name: "Ideas", contentType: "idea" });
    if (!cat.ok) throw new Error("category");
    ideas = cat.value.id;
  });
  afterAll(() => t.close());

  const idea = (title = "Dark mode for the dashboard") => makeTopic(t.ctx, author, { categoryId: ideas, title });
  const setLimit = async (ideaVoteLimit: number) => {
    const s = await t.ctx.cache.settings();
    const res = await updateSettings(t.ctx, admin, { name: s.name, description: s.description, defaultLocale: s.defaultLocale, theme: s.theme, ideaVoteLimit });
    expect(res.ok).toBe(true);
  };

  it("counts one vote per member, which they can take back", async () => {
    const topic = await idea();
    expect(await voteForIdea(t.ctx, voter, { topicId: topic.id })).toMatchObject({ ok: true, value: { votes: 1, voted: true, changed: true } });
    expect(await voteForIdea(t.ctx, voter, { topicId: topic.id })).toMatchObject({ ok: true, value: { votes: 1, voted: true, changed: false } });
    expect(await voteForIdea(t.ctx, author, { topicId: topic.id })).toMatchObject({ ok: true, value: { votes: 2 } });
    const page = await getTopicPage(t.ctx, voter, topic.id);
    expect(page.ok && page.value.typeData).toMatchObject({ type: "idea", status: "new", votes: 2, voted: true, canVote: true, canSetStatus: false });
    expect(await withdrawIdeaVote(t.ctx, voter, { topicId: topic.id })).toMatchObject({ ok: true, value: { votes: 1, voted: false, changed: true } });
    expect(await withdrawIdeaVote(t.ctx, voter, { topicId: topic.id })).toMatchObject({ ok: true, value: { votes: 1, changed: false } });
    const stored = await t.ctx.db.selectFrom("idea_votes").select("user_id").where("topic_id", "=", topic.id).execute();
    expect(stored).toEqual([{ user_id: author.id }]);
  });

  it("holds members to the admin's limit of open votes, freed when an idea is done", async () => {
    const member = await makeUser(t.ctx);
    const [a, b, c] = [await idea("Idea number one"), await idea("Idea number two"), await idea("Idea number three")];
    await setLimit(2);
    try {
      expect((await voteForIdea(t.ctx, member, { topicId: a.id })).ok).toBe(true);
      expect(await voteForIdea(t.ctx, member, { topicId: b.id })).toMatchObject({ ok: true, value: { openVotes: 2, voteLimit: 2 } });
      expect(await voteForIdea(t.ctx, member, { topicId: c.id })).toMatchObject({ ok: false, code: "conflict", messageKey: "ideas:errors.voteLimit" });
      expect((await setIdeaStatus(t.ctx, staff, { topicId: a.id, status: "done", response: "Shipped in 2.4." })).ok).toBe(true);
      expect(await voteForIdea(t.ctx, member, { topicId: c.id })).toMatchObject({ ok: true, value: { openVotes: 2 } });
    } finally {
      await setLimit(0);
    }
  });

  it("refuses votes on done or declined ideas, from visitors, and on ideas in categories the member cannot see", async () => {
    const closed = await idea("An idea that was declined");
    expect((await setIdeaStatus(t.ctx, staff, { topicId: closed.id, status: "declined", response: "Out of scope." })).ok).toBe(true);
    expect(await voteForIdea(t.ctx, voter, { topicId: closed.id })).toMatchObject({ ok: false, code: "invalid", messageKey: "ideas:errors.closed" });
    expect(await voteForIdea(t.ctx, anonymous, { topicId: closed.id })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await voteForIdea(t.ctx, voter, { topicId: 99_999_999 })).toMatchObject({ ok: false, code: "not_found" });

    const secret = await makeCategory(t.ctx, { name: "Staff ideas" });
    const groups = (await t.ctx.cache.groups()).builtin;
    const hidden = await makeTopic(t.ctx, admin, { categoryId: secret.id });
    expect((await setCategoryPermissions(t.ctx, admin, { id: secret.id, permissions: [{ groupId: groups.staff, level: "create" }] })).ok).toBe(true);
    expect(await voteForIdea(t.ctx, voter, { topicId: hidden.id })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("lets only staff set a status, records it with its response, notifies voters and the author, and audits it", async () => {
    const topic = await idea("Export to CSV");
    await voteForIdea(t.ctx, voter, { topicId: topic.id });
    await voteForIdea(t.ctx, staff, { topicId: topic.id });
    expect(await setIdeaStatus(t.ctx, voter, { topicId: topic.id, status: "planned" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await setIdeaStatus(t.ctx, staff, { topicId: topic.id, status: "shipped" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await setIdeaStatus(t.ctx, staff, { topicId: topic.id, status: "new" })).toMatchObject({ ok: false, code: "invalid", fields: { response: { key: "validation.ideaResponseRequired" } } });

    const res = await setIdeaStatus(t.ctx, staff, { topicId: topic.id, status: "planned", response: "Planned for **spring**." });
    expect(res).toEqual({ ok: true, value: { topicId: topic.id, status: "planned", previousStatus: "new", notified: 2 } });
    const notes = await t.ctx.db.selectFrom("notifications").select(["user_id", "kind", "actor_id"]).where("topic_id", "=", topic.id).orderBy("user_id").execute();
    expect(notes).toEqual([voter.id, author.id].sort((x, y) => x - y).map((user_id) => ({ user_id, kind: "ideas.status", actor_id: staff.id })));
    const logged = await t.ctx.db.selectFrom("audit_log").select(["action", "actor_id"]).where("action", "=", "idea.status").where("target_id", "=", topic.id).execute();
    expect(logged).toEqual([{ action: "idea.status", actor_id: staff.id }]);

    expect((await setIdeaStatus(t.ctx, staff, { topicId: topic.id, status: "in_progress", response: "" })).ok).toBe(true);
    const page = await getTopicPage(t.ctx, anonymous, topic.id);
    if (!page.ok) throw new Error("page");
    const data = page.value.typeData as { status: string; history: { status: string; previousStatus: string; responseHtml: string }[] };
    expect(data.status).toBe("in_progress");
    expect(data.history.map((h) => [h.previousStatus, h.status])).toEqual([
      ["planned", "in_progress"],
      ["new", "planned"],
    ]);
    expect(data.history[1].responseHtml).toContain("<strong>spring</strong>");
  });

  it("sorts the board by votes and newest, filters by status, and groups the roadmap", async () => {
    const cat = await createCategory(t.ctx, system, { name: "Board", contentType: "idea" });
    if (!cat.ok) throw new Error("category");
    const mk = (title: string) => makeTopic(t.ctx, author, { categoryId: cat.value.id, title });
    const few = await mk("Few votes idea");
    const many = await mk("Many votes idea");
    await mk("Newest idea");
    for (const u of [voter, staff, author]) await voteForIdea(t.ctx, u, { topicId: many.id });
    await voteForIdea(t.ctx, voter, { topicId: few.id });
    await setIdeaStatus(t.ctx, staff, { topicId: few.id, status: "planned", response: "Soon." });

    const titles = (l: { topics: { title: string }[] }) => l.topics.map((x) => x.title);
    expect(titles(await listIdeas(t.ctx, anonymous, { sort: "votes", categoryId: cat.value.id }))).toEqual(["Many votes idea", "Few votes idea", "Newest idea"]);
    expect(titles(await listIdeas(t.ctx, anonymous, { sort: "new", categoryId: cat.value.id }))[0]).toBe("Newest idea");
    expect(titles(await listIdeas(t.ctx, anonymous, { sort: "votes", status: "planned", categoryId: cat.value.id }))).toEqual(["Few votes idea"]);
    const roadmap = await getRoadmap(t.ctx, anonymous, { categoryId: cat.value.id });
    expect(roadmap.map((c) => [c.status, titles(c.list)])).toEqual([
      ["under_review", []],
      ["planned", ["Few votes idea"]],
      ["in_progress", []],
      ["done", []],
    ]);
  });
});
