import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../test/harness.js";
import { system } from "../domain/actor.js";
import { searchPosts } from "../domain/search/queries/searchPosts.js";
import { DEMO_MEMBERS, DEMO_THREADS } from "./demoText.js";
import { POSTS_PER_TOPIC, seedBulk } from "./seedBulk.js";
import { seedDemo } from "./seedDemo.js";

describe("seeding", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000000" } });
  });
  afterAll(() => t.close());

  it("fills a community with the demo through the commands, searchable at once, and only once", async () => {
    const res = await seedDemo(t.ctx, { locale: "ja", password: "demo password 123" });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const posts = DEMO_THREADS.reduce((n, th) => n + 1 + th.replies.length, 0);
    expect(res.value).toMatchObject({ admin: null, members: DEMO_MEMBERS.length, topics: DEMO_THREADS.length, posts });
    const staff = await t.ctx.db.selectFrom("users").select(["staff", "title"]).where("username", "=", "sato_support").executeTakeFirstOrThrow();
    expect(Boolean(staff.staff)).toBe(true);
    expect(staff.title).toBe("カスタマーサポート");
    const category = await t.ctx.db.selectFrom("categories").select(["name", "topic_count"]).where("slug", "=", "troubleshooting").executeTakeFirstOrThrow();
    expect(category.name).toBe("トラブルシューティング");
    expect(Number(category.topic_count)).toBe(DEMO_THREADS.filter((th) => th.category === "troubleshooting").length);
    const accepted = await t.ctx.db.selectFrom("question_answers").select("topic_id").execute();
    expect(accepted).toHaveLength(DEMO_THREADS.filter((th) => th.accept !== undefined && th.category !== "feedback").length);
    const ideas = await t.ctx.db.selectFrom("ideas").select(["status", "vote_count"]).where("status", "!=", "new").orderBy("vote_count").execute();
    expect(ideas).toEqual([
      { status: "planned", vote_count: 5 },
      { status: "under_review", vote_count: 7 },
    ]);
    const reviews = await t.ctx.db.selectFrom("reviews as r").innerJoin("products as p", "p.id", "r.product_id").select(["p.slug", "r.rating"]).orderBy("r.topic_id").execute();
    expect(reviews).toEqual(DEMO_THREADS.flatMap((th) => (th.review ? [{ slug: th.review.product, rating: th.review.rating }] : [])));
    const events = await t.ctx.db.selectFrom("events").select(["time_zone", "capacity", "going_count"]).orderBy("topic_id").execute();
    expect(events.map((e) => ({ ...e, going_count: Number(e.going_count) }))).toEqual(DEMO_THREADS.flatMap((th) => (th.event ? [{ time_zone: th.event.zone, capacity: th.event.capacity ?? null, going_count: th.event.going }] : [])));
    const stories = await t.ctx.db.selectFrom("articles as a").innerJoin("uploads as u", "u.id", "a.cover_upload_id").select(["a.kind", "u.width", "u.height"]).execute();
    expect(stories).toEqual(DEMO_THREADS.flatMap((th) => (th.article ? [{ kind: th.article.kind, width: 1600, height: 640 }] : [])));
    const found = await searchPosts(t.ctx, system, { q: "文字化け" });
    expect(found.ok && found.value.results.length).toBeGreaterThan(0);
    expect((await seedDemo(t.ctx, { locale: "ja" })).ok).toBe(false);
  });

  it("adds bulk posts in 21-post topics with counters that match the rows", async () => {
    const before = await t.ctx.db.selectFrom("posts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const res = await seedBulk(t.ctx, { posts: 50 });
    expect(res).toMatchObject({ topics: 3, posts: 50 });
    const after = await t.ctx.db.selectFrom("posts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(50);
    const last = await t.ctx.db.selectFrom("topics").select(["id", "reply_count", "highest_post_number"]).orderBy("id", "desc").limit(3).execute();
    expect(last.map((r) => Number(r.highest_post_number))).toEqual([50 - 2 * POSTS_PER_TOPIC, POSTS_PER_TOPIC, POSTS_PER_TOPIC]);
    const cats = await t.ctx.db.selectFrom("categories").select(["id", "topic_count"]).execute();
    for (const c of cats) {
      const n = await t.ctx.db.selectFrom("topics").select((eb) => eb.fn.countAll<number>().as("n")).where("category_id", "=", c.id).where("deleted_at", "is", null).executeTakeFirstOrThrow();
      expect(Number(c.topic_count)).toBe(Number(n.n));
    }
  });
});
