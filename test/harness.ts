import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { Redis } from "ioredis";
import pg from "pg";
import { inject } from "vitest";
import { type App, createApp } from "../src/app.js";
import { loadConfig } from "../src/config/config.js";
import { system } from "../src/domain/actor.js";
import { setupCommunity } from "../src/domain/community/commands/setupCommunity.js";
import type { Ctx } from "../src/domain/ctx.js";
import { buildServer } from "../src/http/server.js";
import type { JobRegistry } from "../src/jobs/registry.js";
import { PASSWORD } from "./factories.js";

export interface TestApp {
  app: App;
  ctx: Ctx;
  server: FastifyInstance;
  dataDir: string;
  /** `DATABASE_URL` of this community (another app may join it). */
  databaseUrl: string;
  /** The admin created by setup (unless `setup: false`). */
  adminId: number;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** False leaves the community un-set-up (the /setup page shows). */
  setup?: boolean;
  env?: Record<string, string>;
  /** False leaves the job worker stopped (call `app.startJobs()`). */
  startJobs?: boolean;
  /** Job registry with the test's own kinds; core kinds are added to it. */
  registry?: JobRegistry;
  clock?: () => Date;
  /** Runs in the scaled mode: REDIS_URL with a prefix of its own, whose keys are deleted on close. */
  redis?: boolean;
  /** A second process of the same community: same database, data directory and Redis prefix. */
  join?: TestApp;
}

export const usingPostgres = () => Boolean(inject("pgUrl"));

/** Redis for tests that need it (`*.redis.test.ts`): HIROBA_TEST_REDIS_URL, else the local default. */
export const testRedisUrl = () => process.env.HIROBA_TEST_REDIS_URL || "redis://127.0.0.1:6379";

/** Deletes every Redis key under `prefix:` (test clean-up). */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

async function freshDatabaseUrl(dataDir: string): Promise<string> {
  const pgUrl = inject("pgUrl");
  if (!pgUrl) return `sqlite:${path.join(dataDir, "test.db")}`;
  const schema = `t_${crypto.randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const url = new URL(pgUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/**
 * A whole community for one test file: its own SQLite file, or its own PostgreSQL schema when
 * HIROBA_TEST_DB=postgres, migrated, set up (admin `admin`), with the HTTP server built for inject().
 * With `join`, a second app (as another process would be) on an existing community.
 */
export async function testApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const owner = !opts.join;
  const dataDir = opts.join?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "hiroba-test-"));
  const databaseUrl = opts.join?.databaseUrl ?? (await freshDatabaseUrl(dataDir));
  const joinedEnv: Record<string, string> = {};
  const joined = opts.join?.ctx.config;
  if (joined?.redisUrl) Object.assign(joinedEnv, { REDIS_URL: joined.redisUrl, REDIS_PREFIX: joined.redisPrefix });
  else if (opts.redis) Object.assign(joinedEnv, { REDIS_URL: testRedisUrl(), REDIS_PREFIX: `hiroba-test-${crypto.randomBytes(6).toString("hex")}` });
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: "error", BASE_URL: "http://hiroba.test", ...joinedEnv, ...opts.env });
  const app = await createApp(config, { registry: opts.registry, clock: opts.clock });
  const server = await buildServer(app.ctx);
  if (opts.startJobs !== false) app.startJobs();
  let adminId = 0;
  if (owner && opts.setup !== false) {
    const res = await setupCommunity(app.ctx, { siteName: "Test Community", locale: "en", username: "admin", email: "admin@example.com", password: "correct horse battery" });
    if (!res.ok) throw new Error("setup failed: " + JSON.stringify(res));
    adminId = res.value.userId;
  }
  return {
    app,
    ctx: app.ctx,
    server,
    dataDir,
    databaseUrl,
    adminId: opts.join?.adminId ?? adminId,
    async close() {
      await server.close();
      await app.close();
      if (!owner) return;
      if (config.redisUrl) await deleteRedisPrefix(config.redisUrl, config.redisPrefix);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { system };

/**
 * A browser-like client for inject(): keeps cookies, sends the CSRF token with forms and JSON,
 * and follows nothing automatically (tests assert redirects themselves).
 */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly server: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  /** Ensures a CSRF cookie exists (as after any first page view). */
  async csrf(): Promise<string> {
    if (!this.cookies.has("hiroba_csrf")) await this.get("/login");
    return this.cookies.get("hiroba_csrf")!;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.keep(await this.server.inject({ method: "GET", url, headers: { ...this.headers, cookie: this.cookieHeader(), ...headers } }));
  }

  async form(url: string, fields: Record<string, string>, opts: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams(fields);
    if (opts.csrf !== false) body.set("_csrf", await this.csrf());
    return this.keep(
      await this.server.inject({
        method: "POST",
        url,
        payload: body.toString(),
        headers: { ...this.headers, "content-type": "application/x-www-form-urlencoded", cookie: this.cookieHeader() },
      }),
    );
  }

  /** A multipart form (a composer with files), with the CSRF token unless told not to. */
  async multipart(url: string, fields: Record<string, string>, files: Array<{ field: string; name: string; data: Buffer }>, opts: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    const form = new FormData();
    if (opts.csrf !== false && !opts.headers?.authorization) form.set("_csrf", await this.csrf());
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append(f.field, new Blob([new Uint8Array(f.data)]), f.name);
    const encoded = new Request("http://localhost/", { method: "POST", body: form });
    const payload = Buffer.from(await encoded.arrayBuffer());
    const headers: Record<string, string> = { ...this.headers, "content-type": encoded.headers.get("content-type")!, cookie: this.cookieHeader(), ...opts.headers };
    if (this.cookies.has("hiroba_csrf") && url.startsWith("/api/")) headers["x-csrf-token"] = this.cookies.get("hiroba_csrf")!;
    return this.keep(await this.server.inject({ method: "POST", url, payload, headers }));
  }

  async json(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...this.headers, cookie: this.cookieHeader(), ...headers };
    if (method !== "GET" && this.cookies.has("hiroba_csrf")) h["x-csrf-token"] = this.cookies.get("hiroba_csrf")!;
    if (payload !== undefined) h["content-type"] = "application/json";
    return this.keep(await this.server.inject({ method, url, headers: h, payload: payload === undefined ? undefined : JSON.stringify(payload) }));
  }

  /** Logs in through the real form. */
  async login(login: string, password: string): Promise<LightMyRequestResponse> {
    const res = await this.form("/login", { login, password, next: "/" });
    if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res;
  }
}

/** A client signed in with the login form as `username` (a factory user: password PASSWORD), asking in `lang`. */
export async function clientFor(t: TestApp, username: string, lang = "en"): Promise<Client> {
  const c = new Client(t.server, { "accept-language": lang });
  await c.login(username, PASSWORD);
  return c;
}
