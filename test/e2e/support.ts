// Helpers for end-to-end tests: the BUILT server (`node dist/main.js`) as a child process on a
// fresh data directory and database, an HTTP session that behaves like a browser (cookies, CSRF),
// Chromium through playwright-core, and the mail the server wrote. `scripts/test.mjs` builds first
// and passes HIROBA_E2E_PG (PostgreSQL admin URL), HIROBA_E2E_REDIS and HIROBA_E2E_CHROMIUM.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { Redis } from "ioredis";
import pg from "pg";
import { type Browser, type Page, chromium } from "playwright-core";
import { type ParsedMail, mailDir, parseMail } from "../../src/infra/mail.js";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** What the environment provides; each is empty when unavailable. */
export const e2eEnv = {
  pgAdmin: process.env.HIROBA_E2E_PG ?? "",
  redisUrl: process.env.HIROBA_E2E_REDIS ?? "",
  chromium: process.env.HIROBA_E2E_CHROMIUM || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : ""),
};

export const ADMIN = { username: "admin", email: "admin@example.com", password: "correct horse battery" } as const;

export interface StartOptions {
  /** Extra environment for the server (wins over everything below). */
  env?: Record<string, string>;
  /** `sqlite` (default): a file in the data directory; `postgres`: a fresh database, dropped on stop. */
  database?: "sqlite" | "postgres";
  /** Scaled mode: REDIS_URL with a fresh REDIS_PREFIX, whose keys are deleted on stop. */
  redis?: boolean;
  /** Defaults to a free port. */
  port?: number;
  /**
   * Another process of the same community: same database, DATA_DIR and Redis prefix (as N processes
   * behind a load balancer share them). Stopping the first server stops its joiners first.
   */
  join?: E2EServer;
}

export interface E2EServer {
  baseUrl: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  engine: "sqlite" | "postgres";
  redisUrl: string | null;
  redisPrefix: string | null;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>;
  /**
   * Sends `signal` and waits for the process to exit (SIGKILL after 20 s), keeping its data so the
   * test can inspect it. Returns the exit code.
   */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** `kill`s (SIGTERM by default), then deletes what `startServer` created. Safe to call twice. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<E2EServer>();
const joinersOf = new WeakMap<E2EServer, Set<E2EServer>>();
process.on("exit", () => {
  // A test that crashed must not leave servers behind.
  for (const s of running) s.child.kill("SIGKILL");
});

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!e2eEnv.pgAdmin) throw new Error("this test needs PostgreSQL: set HIROBA_E2E_PG to an admin URL (scripts/test.mjs does)");
  const name = `hiroba_e2e_${crypto.randomBytes(6).toString("hex")}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: e2eEnv.pgAdmin });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  const url = new URL(e2eEnv.pgAdmin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Deletes every Redis key under `prefix:`. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
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

// Settings a developer's shell may hold that must not leak into a test server.
const HIROBA_VARS = ["DATABASE_URL", "REDIS_URL", "REDIS_PREFIX", "PORT", "HOST", "BASE_URL", "SMTP_URL", "MAIL_FROM", "DATA_DIR", "LOG_LEVEL", "JOBS", "TRUST_PROXY", "RATE_LIMIT_FACTOR", "PLUGINS"];

/**
 * Starts `node dist/main.js` (build first: `node scripts/build.mjs`) on a fresh DATA_DIR, and a
 * fresh PostgreSQL database and Redis prefix when asked, and resolves once `/healthz` answers.
 */
export async function startServer(opts: StartOptions = {}): Promise<E2EServer> {
  if (!fs.existsSync(path.join(root, "dist", "main.js"))) throw new Error("dist/main.js is missing: run node scripts/build.mjs first");
  const join = opts.join;
  const port = opts.port ?? (await freePort());
  const dataDir = join?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "hiroba-e2e-"));
  const cleanups: Array<() => Promise<void>> = [];
  if (!join) cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));

  let engine: "sqlite" | "postgres" = join?.engine ?? opts.database ?? "sqlite";
  let databaseUrl = join?.databaseUrl ?? `sqlite:${path.join(dataDir, "hiroba.db")}`;
  if (!join && engine === "postgres") {
    const created = await createPgDatabase();
    databaseUrl = created.url;
    cleanups.unshift(created.drop);
  }
  let redisUrl = join?.redisUrl ?? null;
  let redisPrefix = join?.redisPrefix ?? null;
  if (!join && opts.redis) {
    if (!e2eEnv.redisUrl) throw new Error("this test needs Redis: set HIROBA_E2E_REDIS (scripts/test.mjs does)");
    redisUrl = e2eEnv.redisUrl;
    redisPrefix = `hiroba-e2e-${crypto.randomBytes(6).toString("hex")}`;
    const [u, p] = [redisUrl, redisPrefix];
    cleanups.unshift(() => deleteRedisKeys(u, p));
  }
  if (opts.env?.DATABASE_URL) {
    databaseUrl = opts.env.DATABASE_URL;
    engine = databaseUrl.startsWith("postgres") ? "postgres" : "sqlite";
  }

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !HIROBA_VARS.includes(k)) env[k] = v;
  Object.assign(env, {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    BASE_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "info",
    ...(redisUrl && redisPrefix ? { REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix } : {}),
    ...opts.env,
  });

  const child = spawn(process.execPath, ["dist/main.js"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (output += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const joiners = new Set<E2EServer>();
  let stopping: Promise<number | null> | null = null;

  const server: E2EServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    databaseUrl,
    engine,
    redisUrl,
    redisPrefix,
    child,
    output: () => output,
    exited,
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      const code = await exited;
      clearTimeout(timer);
      running.delete(server);
      return code;
    },
    stop(signal = "SIGTERM") {
      stopping ??= (async () => {
        for (const j of joiners) await j.stop(signal);
        const code = await server.kill(signal);
        for (const c of cleanups) await c();
        return code;
      })();
      return stopping;
    },
  };
  running.add(server);
  // The owner deletes the shared database and data on stop, so its joiners stop before it.
  if (join) joinersOf.get(join)?.add(server);
  joinersOf.set(server, joiners);

  try {
    await waitForHealth(server);
  } catch (e) {
    await server.stop("SIGKILL");
    throw new Error(`${(e as Error).message}\n--- server output ---\n${output}`, { cause: e });
  }
  return server;
}

async function waitForHealth(server: E2EServer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void server.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`server exited with code ${server.child.exitCode} before it was healthy`);
    try {
      const res = await fetch(`${server.baseUrl}/healthz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`server not healthy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops every server still running (for afterAll). */
export async function stopAllServers(): Promise<void> {
  for (const s of [...running]) await s.stop();
}

/**
 * A browser-like HTTP session over fetch: keeps cookies, sends the CSRF token with forms
 * (`_csrf`) and JSON writes (`x-csrf-token`), and never follows redirects by itself.
 */
export class HttpSession {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]) < Date.now()));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** The cookie header value, for other clients (an SSE stream, a browser context). */
  get cookie(): string {
    return this.cookieHeader();
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await fetch(this.baseUrl + url, { redirect: "manual", headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /** Makes sure a CSRF cookie is held (as after any page view) and returns it. */
  async csrf(): Promise<string> {
    if (!this.cookies.has("hiroba_csrf")) await this.get("/login");
    return this.cookies.get("hiroba_csrf")!;
  }

  async form(url: string, fields: Record<string, string>): Promise<Response> {
    const body = new URLSearchParams({ ...fields, _csrf: await this.csrf() });
    return this.keep(
      await fetch(this.baseUrl + url, {
        method: "POST",
        redirect: "manual",
        body: body.toString(),
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.cookieHeader() },
      }),
    );
  }

  async json(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: unknown): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), accept: "application/json" };
    if (method !== "GET") headers["x-csrf-token"] = await this.csrf();
    if (payload !== undefined) headers["content-type"] = "application/json";
    return this.keep(await fetch(this.baseUrl + url, { method, redirect: "manual", headers, body: payload === undefined ? undefined : JSON.stringify(payload) }));
  }

  /** Logs in through the real form; throws unless it redirects. */
  async login(login: string, password: string): Promise<void> {
    const res = await this.form("/login", { login, password, next: "/" });
    if (res.status !== 303) throw new Error(`login failed: ${res.status} ${(await res.text()).slice(0, 300)}`);
  }
}

/**
 * Completes the first-run setup page (community name, language, first admin) as a person would,
 * and returns that admin's signed-in session.
 */
export async function completeSetup(
  baseUrl: string,
  opts: { siteName?: string; locale?: "ja" | "en"; username?: string; email?: string; password?: string } = {},
): Promise<HttpSession> {
  const session = new HttpSession(baseUrl);
  const page = await session.get("/setup");
  if (page.status !== 200) throw new Error(`setup page answered ${page.status}`);
  const res = await session.form("/setup", {
    siteName: opts.siteName ?? "E2E コミュニティ",
    locale: opts.locale ?? "ja",
    username: opts.username ?? ADMIN.username,
    email: opts.email ?? ADMIN.email,
    password: opts.password ?? ADMIN.password,
  });
  if (res.status !== 303 || !session.cookies.has("hiroba_session")) throw new Error(`setup failed: ${res.status} ${(await res.text()).slice(0, 500)}`);
  return session;
}

/** Debian's Chromium, headless, with the flags this machine needs. Close it in afterAll. */
export async function launchBrowser(): Promise<Browser> {
  if (!e2eEnv.chromium) throw new Error("this test needs Chromium: set HIROBA_E2E_CHROMIUM (scripts/test.mjs does)");
  return chromium.launch({
    executablePath: e2eEnv.chromium,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface ReadMail extends ParsedMail {
  file: string;
  /** The whole message as written (headers and MIME parts). */
  raw: string;
}

/** The messages a server in file mail mode (no SMTP_URL) wrote under `dataDir/mail`, oldest first. */
export function readMail(dataDir: string): ReadMail[] {
  const dir = mailDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((file) => {
      const raw = fs.readFileSync(path.join(dir, file), "utf8");
      return { file, raw, ...parseMail(raw) };
    });
}

/**
 * Runs a read-only query against a server's database with `$1`-style parameters, on either
 * engine (for assertions about what the server stored).
 */
export async function queryDb<T = Record<string, unknown>>(server: Pick<E2EServer, "databaseUrl" | "engine">, text: string, params: unknown[] = []): Promise<T[]> {
  if (server.engine === "postgres") {
    const c = new pg.Client({ connectionString: server.databaseUrl });
    await c.connect();
    try {
      return (await c.query(text, params)).rows as T[];
    } finally {
      await c.end();
    }
  }
  const db = new SQLite(server.databaseUrl.slice("sqlite:".length), { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return db.prepare(text.replace(/\$\d+/g, "?")).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Polls `check` until it returns a truthy value (which is returned), or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Where screenshots and traces go (ignored by git). */
export function artifactPath(name: string): string {
  const dir = path.join(root, ".test-artifacts");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** Runs the CLI (`dist/cli.js`) against a running server's database and data directory. */
export function runCli(server: E2EServer, ...args: string[]): Buffer {
  return execFileSync(process.execPath, [path.join(root, "dist", "cli.js"), ...args], { env: { ...process.env, DATABASE_URL: server.databaseUrl, DATA_DIR: server.dataDir, BASE_URL: server.baseUrl } });
}

/** Signs a browser page in with the login form and waits until it has left the login page. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill("#f-login", username);
  await page.fill("#f-password", password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.press("#f-password", "Enter")]);
}
