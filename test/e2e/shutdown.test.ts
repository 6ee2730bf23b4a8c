import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SseStream } from "../sse.js";
import { type E2EServer, type HttpSession, completeSetup, queryDb, startServer } from "./support.js";

/** SIGTERM on the built server (embedded mode, SQLite): a deploy or restart must lose nothing. */
describe("graceful shutdown", () => {
  let server: E2EServer;
  let admin: HttpSession;

  beforeAll(async () => {
    server = await startServer();
    admin = await completeSetup(server.baseUrl, { locale: "en" });
  });
  afterAll(() => server?.stop());

  it("ends live streams, finishes jobs, writes gathered view counts, then exits 0", async () => {
    const cats = (await (await admin.json("GET", "/api/v1/categories")).json()) as { categories: Array<{ id: number }> };
    const created = await admin.json("POST", "/api/v1/topics", { categoryId: cats.categories[0].id, title: "Shutting down politely", body: "Nothing may be lost." });
    expect(created.status).toBe(201);
    const topic = (await created.json()) as { id: number; url: string };

    const views = 7;
    for (let i = 0; i < views; i++) expect((await fetch(server.baseUrl + topic.url)).status).toBe(200);
    // Views are gathered in memory and written every ten seconds: none are stored yet.
    const before = await queryDb<{ view_count: number }>(server, "select view_count from topics where id = $1", [topic.id]);
    expect(before[0].view_count).toBe(0);

    const stream = await SseStream.open(`${server.baseUrl}/live?channels=topic:${topic.id}`);
    // Replies whose jobs are still queued or running when the signal arrives.
    for (let i = 0; i < 5; i++) expect((await admin.json("POST", `/api/v1/topics/${topic.id}/posts`, { body: `reply ${i}` })).status).toBe(201);

    const started = Date.now();
    const code = await server.kill("SIGTERM");
    expect(code).toBe(0);
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.output()).toContain('"msg":"stopped"');

    const after = await queryDb<{ view_count: number }>(server, "select view_count from topics where id = $1", [topic.id]);
    expect(after[0].view_count).toBe(views);
    // No job was abandoned mid-run: each is done, or still pending for the next start.
    const jobs = await queryDb<{ status: string }>(server, "select status from jobs");
    expect(jobs.length).toBeGreaterThanOrEqual(6);
    expect(jobs.filter((j) => j.status === "running" || j.status === "queued")).toEqual([]);
  });
});
