import path from "node:path";
import { z } from "zod";

/**
 * The one place that reads the environment. Everything else receives a parsed `Config`.
 * See README "Configuration" for the meaning of each variable.
 */
const Env = z.object({
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  /** Namespace for Redis keys, channels and queues, so several communities can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[\w-]+$/).default("hiroba"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  BASE_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Hiroba <no-reply@localhost>"),
  DATA_DIR: z.string().default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  JOBS: z.enum(["on", "off"]).default("on"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  /** Comma-separated plugin modules (paths or package names), see docs/plugins.md. */
  PLUGINS: z.string().default(""),
  /** Multiplies every rate limit; tests that sign up many users from one address raise it. */
  RATE_LIMIT_FACTOR: z.coerce.number().positive().default(1),
  /** `on` lets link previews fetch pages on private and loopback addresses (tests, intranets). */
  LINK_PREVIEWS_PRIVATE: z.enum(["on", "off"]).default("off"),
});

export type DatabaseConfig =
  | { kind: "sqlite"; file: string }
  | { kind: "postgres"; url: string };

export interface Config {
  database: DatabaseConfig;
  redisUrl: string | null;
  redisPrefix: string;
  port: number;
  host: string;
  baseUrl: string;
  smtpUrl: string | null;
  mailFrom: string;
  dataDir: string;
  logLevel: z.infer<typeof Env>["LOG_LEVEL"];
  runJobs: boolean;
  trustProxy: boolean;
  rateLimitFactor: number;
  plugins: string[];
  /** Link previews may fetch pages on private, loopback and link-local addresses. */
  previewPrivateHosts: boolean;
  /** True when the site is served over https: cookies are then marked Secure. */
  secureCookies: boolean;
}

export function parseDatabaseUrl(url: string, dataDir: string): DatabaseConfig {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return { kind: "postgres", url };
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length);
    if (file === ":memory:") return { kind: "sqlite", file };
    return { kind: "sqlite", file: path.resolve(file || path.join(dataDir, "hiroba.db")) };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got ${url.split(":")[0]}:)`);
}

/** Parses the environment (or an override map, for tests and the CLI) into a Config. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const database = parseDatabaseUrl(e.DATABASE_URL ?? `sqlite:${path.join(dataDir, "hiroba.db")}`, dataDir);
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    database,
    redisUrl: e.REDIS_URL || null,
    redisPrefix: e.REDIS_PREFIX,
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    smtpUrl: e.SMTP_URL || null,
    mailFrom: e.MAIL_FROM,
    dataDir,
    logLevel: e.LOG_LEVEL,
    runJobs: e.JOBS === "on",
    trustProxy: e.TRUST_PROXY === "true",
    rateLimitFactor: e.RATE_LIMIT_FACTOR,
    plugins: e.PLUGINS.split(",").map((s) => s.trim()).filter(Boolean),
    previewPrivateHosts: e.LINK_PREVIEWS_PRIVATE === "on",
    secureCookies: baseUrl.startsWith("https://"),
  };
}
