import crypto from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SseStream } from "../sse.js";
import { type E2EServer, HttpSession, artifactPath, completeSetup, launchBrowser, queryDb, startServer, waitFor } from "./support.js";

/**
 * The scaled mode as it is deployed: two `node dist/main.js` processes on two ports sharing one
 * PostgreSQL database and one Redis, as if behind a load balancer.
 */
describe("two processes serve one community (PostgreSQL + Redis)", () => {
  let a: E2EServer;
  let b: E2EServer;
  let adminA: HttpSession;
  let adminB: HttpSession;
  let browser: Browser;
  let categoryId: number;
  const streams: SseStream[] = [];

  const startTopic = async (title: string) => {
    const res = await adminA.json("POST", "/api/v1/topics", { categoryId, title, body: `${title} — 本文です。` });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: number; url: string };
  };
  const reply = async (via: HttpSession, topicId: number, body: string) => {
    const res = await via.json("POST", `/api/v1/topics/${topicId}/posts`, { body });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: number };
  };
  const publishJobs = (topicId: number) =>
    queryDb<{ status: string; attempts: number }>(a, "select status, attempts from jobs where kind = 'live.publishPost' and (payload->>'topicId')::int = $1", [topicId]);

  beforeAll(async () => {
    a = await startServer({ database: "postgres", redis: true });
    b = await startServer({ join: a });
    adminA = await completeSetup(a.baseUrl);
    // Sessions live in the database: the same cookie signs in on either process.
    adminB = new HttpSession(b.baseUrl);
    for (const [k, v] of adminA.cookies) adminB.cookies.set(k, v);
    const cat = await adminA.json("POST", "/api/v1/categories", { name: "スケール", slug: `scaled-${crypto.randomBytes(3).toString("hex")}` });
    expect(cat.status).toBe(201);
    categoryId = ((await cat.json()) as { id: number }).id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const s of streams) s.close();
    await browser?.close();
    await a?.stop();
  });

  it("answers health checks on both processes with the shared engine", async () => {
    for (const s of [a, b]) {
      const res = await fetch(`${s.baseUrl}/healthz`);
      expect(await res.json()).toEqual({ status: "ok", db: "postgres" });
    }
  });

  it("shows a reply posted through process A live on a topic page served by process B", async () => {
    const topic = await startTopic("二つのプロセスで見るトピック");
    const page = await browser.newPage({ locale: "ja-JP", viewport: { width: 1280, height: 900 } });
    // The stream's response headers are sent after the subscription is in place.
    const streamOpen = page.waitForResponse((r) => r.url().startsWith(`${b.baseUrl}/live?`));
    await page.goto(b.baseUrl + topic.url);
    expect((await streamOpen).status()).toBe(200);
    await expect(page.locator("#post-2").count()).resolves.toBe(0);
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    const body = "プロセスAから投稿した返信です";
    await reply(adminA, topic.id, body);
    const post = page.locator("#post-2");
    await post.waitFor({ state: "visible", timeout: 15_000 });
    expect(await post.textContent()).toContain(body);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.screenshot({ path: artifactPath("scaled-live-reply.png"), fullPage: true });
    await page.close();
  });

  it("runs each job once: N replies through both processes give N publish jobs done and N live events", async () => {
    const topic = await startTopic("ジョブは一度だけ");
    // The topic's own first post is published too; let it finish before listening.
    await waitFor("the first post's job", async () => (await publishJobs(topic.id)).some((j) => j.status === "done"));
    const onB = await SseStream.open(`${b.baseUrl}/live?channels=topic:${topic.id}`);
    const onA = await SseStream.open(`${a.baseUrl}/live?channels=topic:${topic.id}`);
    streams.push(onA, onB);

    const N = 12;
    const posted: number[] = [];
    for (let i = 0; i < N; i++) posted.push((await reply(i % 2 === 0 ? adminA : adminB, topic.id, `返信 ${i + 1}`)).id);

    await waitFor("every publish job to finish", async () => {
      const jobs = await publishJobs(topic.id);
      return jobs.length === N + 1 && jobs.every((j) => j.status === "done");
    });
    const jobs = await publishJobs(topic.id);
    expect(jobs.every((j) => j.attempts === 1)).toBe(true);

    await waitFor("the live events on both processes", () => onA.named("post").length >= N && onB.named("post").length >= N);
    // A job that ran twice would publish twice; give a duplicate time to arrive before counting.
    await new Promise((r) => setTimeout(r, 750));
    for (const stream of [onA, onB]) {
      const ids = stream.named<{ postId: number }>("post").map((e) => e.postId);
      expect(ids).toHaveLength(N);
      expect([...ids].sort((x, y) => x - y)).toEqual([...posted].sort((x, y) => x - y));
    }
  });

  it("holds a rate limit reached through one process on the other", async () => {
    // Ten failed logins for one name (the per-account limit) through A, the eleventh through B.
    const login = `nobody-${crypto.randomBytes(4).toString("hex")}`;
    const visitorA = new HttpSession(a.baseUrl);
    const visitorB = new HttpSession(b.baseUrl);
    for (let i = 0; i < 10; i++) {
      const res = await visitorA.form("/login", { login, password: "wrong password", next: "/" });
      expect(res.status).toBe(401);
    }
    const limited = await visitorB.form("/login", { login, password: "wrong password", next: "/" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const again = await visitorA.form("/login", { login, password: "wrong password", next: "/" });
    expect(again.status).toBe(429);
    // Another account is not affected.
    const other = await visitorB.form("/login", { login: `${login}-2`, password: "wrong password", next: "/" });
    expect(other.status).toBe(401);
  });

  it("stops both processes cleanly on SIGTERM", async () => {
    const stream = await SseStream.open(`${b.baseUrl}/live?channels=latest`);
    expect(await b.kill("SIGTERM")).toBe(0);
    await stream.ended;
    expect(b.output()).toContain('"msg":"stopped"');
    // A keeps serving the community alone.
    const res = await fetch(`${a.baseUrl}/healthz`);
    expect(res.status).toBe(200);
  });
});
