import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createApp } from "../app.js";
import { toBool } from "../db/codec.js";
import { loadConfig } from "../config/config.js";
import { system } from "../domain/actor.js";
import { createApiKey } from "../domain/accounts/commands/createApiKey.js";
import { seedBulk } from "../seed/seedBulk.js";
import { seedDemo } from "../seed/seedDemo.js";
import { SERVER_NODE_FLAGS } from "../config/serverFlags.js";

export interface BenchOptions {
  /** Posts to seed (in 21-post topics). */
  posts: number;
  /** Seconds each scenario is measured (after a short warm-up). */
  duration: number;
  connections: number;
  /** `sqlite` (a file in a temporary folder) or a PostgreSQL admin URL to create a fresh database with. */
  database: "sqlite" | { pgAdmin: string };
  /** Only these scenarios (all when empty). */
  only: string[];
  /** The built server to start (default: main.js beside this bundle, i.e. dist/main.js). */
  serverEntry?: string;
  /** Write a CPU profile of the server into this folder (for finding where time goes). */
  profileDir?: string;
  log(line: string): void;
}

/** One line of the report. */
export interface ScenarioResult {
  scenario: string;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  rss_mb: number;
  requests: number;
  errors: number;
  non2xx: number;
}

interface Target {
  topics: Array<{ id: number; slug: string }>;
  /** Topics the benchmark's members may reply to (under a review only staff and the reviewer do). */
  replyTopics: Array<{ id: number; slug: string }>;
  categories: string[];
  /** One API key per member of the demo: replies come from many members, as they do in a community. */
  apiKeys: string[];
}

const SEARCHES = ["設定", "文字化け", "通知", "エラー", "ダッシュボード", "webhook", "timeout", "rate limit", "invite", "問題"];

const pick = <T>(xs: T[], i: number): T => xs[i % xs.length];

/** The scenarios' names, in the order they run. */
export const scenarioNames = (): string[] => scenarios({ topics: [], replyTopics: [], categories: [], apiKeys: [] }).map((s) => s.name);

/** The scenarios: a name and how the n-th request of it looks. */
function scenarios(t: Target): Array<{ name: string; request(n: number): { method?: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string } }> {
  return [
    { name: "topic_page", request: (n) => ({ path: `/t/${pick(t.topics, n * 7919).id}/${encodeURIComponent(pick(t.topics, n * 7919).slug)}` }) },
    { name: "category_list", request: (n) => ({ path: `/c/${encodeURIComponent(pick(t.categories, n))}` }) },
    { name: "topic_json", request: (n) => ({ path: `/api/v1/topics/${pick(t.topics, n * 7919).id}` }) },
    { name: "search", request: (n) => ({ path: `/api/v1/search?q=${encodeURIComponent(pick(SEARCHES, n))}` }) },
    // Every request a search not made before in the run (words × category × page: 5,000 of them),
    // so none is answered from the ranking kept since the index last changed: what ranking costs.
    {
      name: "search_uncached",
      request: (n) => {
        const category = Math.floor(n / SEARCHES.length) % (t.categories.length + 1);
        const page = 1 + (Math.floor(n / (SEARCHES.length * (t.categories.length + 1))) % 50);
        const q = `q=${encodeURIComponent(pick(SEARCHES, n))}&page=${page}`;
        return { path: `/api/v1/search?${q}${category > 0 ? `&category=${encodeURIComponent(t.categories[category - 1])}` : ""}` };
      },
    },
    {
      name: "reply_post",
      request: (n) => ({
        method: "POST",
        path: `/api/v1/topics/${pick(t.replyTopics, n * 7919).id}/posts`,
        headers: { authorization: `Bearer ${pick(t.apiKeys, n)}`, "content-type": "application/json" },
        body: JSON.stringify({ body: `ベンチマークの返信 ${n}: this reply was posted by the benchmark.` }),
      }),
    },
  ];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process in MB (Linux /proc; 0 elsewhere). */
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function waitHealthy(baseUrl: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not become healthy within 60 s");
}

/**
 * `hiroba bench`: seeds a fresh community (the demo plus `posts` more posts in 21-post topics),
 * starts the built server on 127.0.0.1 as a child process and measures each scenario with
 * autocannon, printing one JSON line per scenario. Everything it creates is removed afterwards.
 */
export async function runBench(opts: BenchOptions): Promise<ScenarioResult[]> {
  const unknown = opts.only.filter((name) => !scenarioNames().includes(name));
  if (unknown.length > 0) throw new Error(`bench: no scenario named ${unknown.join(", ")}`);
  const { default: autocannon } = await import("autocannon");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hiroba-bench-"));
  let databaseUrl = `sqlite:${path.join(dir, "hiroba.db")}`;
  let dropDb: (() => Promise<void>) | null = null;
  if (opts.database !== "sqlite") {
    const name = `hiroba_bench_${process.pid}_${Date.now()}`;
    const admin = opts.database.pgAdmin;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    await client.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  // One embedded process (no Redis), posting limits lifted so the reply scenario measures posting.
  const { REDIS_URL: _redis, BASE_URL: _base, PORT: _port, HOST: _host, ...inherited } = process.env;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { ...inherited, DATABASE_URL: databaseUrl, DATA_DIR: dir, LOG_LEVEL: "warn", RATE_LIMIT_FACTOR: "1000000", PORT: String(port), HOST: "127.0.0.1", BASE_URL: baseUrl };
  let child: ChildProcess | null = null;
  try {
    const target = await seed(env, opts);
    const main = opts.serverEntry ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "main.js");
    // The server starts as `npm start` starts it, with the same Node flags.
    const flags = [...SERVER_NODE_FLAGS, ...(opts.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.profileDir}`] : [])];
    child = spawn(process.execPath, [...flags, main], { env, stdio: ["ignore", "ignore", "inherit"] });
    await waitHealthy(baseUrl, child);
    const results: ScenarioResult[] = [];
    for (const s of scenarios(target)) {
      if (opts.only.length > 0 && !opts.only.includes(s.name)) continue;
      let n = 0;
      const run = (seconds: number) =>
        autocannon({
          url: baseUrl,
          connections: opts.connections,
          duration: seconds,
          // As a browser asks: it takes gzip (cached pages are sent compressed), so the bytes on the wire are a browser's.
          headers: { "accept-encoding": "gzip, deflate, br" },
          requests: [
            {
              setupRequest: (req) => {
                const r = s.request(n++);
                return { ...req, ...r, headers: { ...req.headers, ...r.headers } };
              },
            },
          ],
        });
      await run(2); // warm-up: JIT, caches, connection pools
      let peak = rssMb(child.pid!);
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(child!.pid!))), 100);
      const r = await run(opts.duration);
      clearInterval(sampler);
      const result: ScenarioResult = {
        scenario: s.name,
        rps: Math.round(r.requests.average),
        p50_ms: r.latency.p50,
        p99_ms: r.latency.p99,
        rss_mb: Math.round(Math.max(peak, rssMb(child.pid!))),
        requests: r.requests.total,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
      };
      results.push(result);
      opts.log(JSON.stringify(result));
    }
    return results;
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await dropDb?.();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Seeds the benchmark community and returns what the scenarios request. */
async function seed(env: NodeJS.ProcessEnv, opts: BenchOptions): Promise<Target> {
  const app = await createApp(loadConfig(env));
  try {
    const demo = await seedDemo(app.ctx, { locale: "ja" });
    if (!demo.ok) throw new Error("bench: seeding the demo failed");
    const bulk = await seedBulk(app.ctx, { posts: Math.max(0, opts.posts - demo.value.posts) });
    process.stderr.write(`seeded ${demo.value.posts + bulk.posts} posts in ${demo.value.topics + bulk.topics} topics (${bulk.seconds.toFixed(1)} s)\n`);
    const rows = await app.ctx.db.selectFrom("topics").select(["id", "slug", "type"]).orderBy("id").execute();
    const topics = rows.map(({ id, slug }) => ({ id, slug }));
    const replyTopics = rows.filter((r) => r.type !== "review").map(({ id, slug }) => ({ id, slug }));
    const categories = (await app.ctx.db.selectFrom("categories").select("slug").execute()).map((c) => c.slug);
    // Members only (no staff or moderators), so every one of them may reply to every reply topic.
    const users = await app.ctx.db.selectFrom("users").select(["id", "role", "staff"]).orderBy("id").execute();
    const members = users.filter((u) => u.role === "member" && !toBool(u.staff));
    const apiKeys: string[] = [];
    for (const member of members) {
      const key = await createApiKey(app.ctx, system, { userId: member.id, description: "bench" });
      if (!key.ok) throw new Error("bench: creating an API key failed");
      apiKeys.push(key.value.key);
    }
    return { topics, replyTopics, categories, apiKeys };
  } finally {
    await app.close();
  }
}
