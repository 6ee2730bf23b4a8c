import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCategory, makeTopic, makeUser } from "../../../test/factories.js";
import { type TestApp, testApp } from "../../../test/harness.js";
import { flushTopicViews, recordTopicView } from "./viewCounter.js";

describe("topic view counter", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000" } });
  });
  afterAll(() => t.close());

  const views = async (ids: number[]) =>
    (await t.ctx.db.selectFrom("topics").select(["id", "view_count"]).where("id", "in", ids).orderBy("id").execute()).map((r) => r.view_count);

  it("adds gathered views to each topic when flushed, across several batches, without retiring cached pages", async () => {
    const author = await makeUser(t.ctx);
    const cat = await makeCategory(t.ctx);
    const ids: number[] = [];
    // More topics than one flush transaction takes.
    for (let i = 0; i < 205; i++) ids.push((await makeTopic(t.ctx, author, { categoryId: cat.id, title: `Viewed topic ${i}` })).id);
    await t.ctx.jobs.drain();
    const before = await views(ids);
    ids.forEach((id, i) => {
      for (let n = 0; n <= i % 3; n++) recordTopicView(t.ctx, id);
    });
    const generation = t.ctx.cache.pageGeneration;
    await flushTopicViews(t.ctx);
    expect(await views(ids)).toEqual(before.map((v, i) => v + (i % 3) + 1));
    expect(t.ctx.cache.pageGeneration).toBe(generation);
    // Nothing gathered since: a second flush adds nothing.
    await flushTopicViews(t.ctx);
    expect(await views(ids)).toEqual(before.map((v, i) => v + (i % 3) + 1));
  });

  it("finishes a flush already writing before a later flush returns (the shutdown's flush, then the database closes)", async () => {
    const author = await makeUser(t.ctx);
    const cat = await makeCategory(t.ctx);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push((await makeTopic(t.ctx, author, { categoryId: cat.id, title: `Watched topic ${i}` })).id);
    await t.ctx.jobs.drain();
    const before = await views(ids);
    for (const id of ids) recordTopicView(t.ctx, id);
    // A timer's flush takes the gathered views and starts writing; nothing is left for the next one.
    const running = flushTopicViews(t.ctx);
    let finished = false;
    void running.then(() => (finished = true));
    await flushTopicViews(t.ctx);
    expect(finished).toBe(true);
    expect(await views(ids)).toEqual(before.map((v) => v + 1));
  });
});
