import type { Kysely, Transaction } from "kysely";
import type { Logger } from "pino";
import type { Config } from "../config/config.js";
import type { Engine } from "../db/connect.js";
import type { DB } from "../db/schema.js";
import type { Bus } from "../infra/bus.js";
import type { Mailer } from "../infra/mail.js";
import type { RateLimiter } from "../infra/rateLimiter.js";
import type { Storage } from "../infra/storage.js";
import type { JobQueue } from "../jobs/queue.js";
import type { Hooks } from "../plugins/hooks.js";
import type { SiteCache } from "./community/siteCache.js";

/** Everything a command, query or job needs from the outside world. Built once per process (see app.ts). */
export interface Ctx {
  db: Kysely<DB>;
  engine: Engine;
  config: Config;
  clock: () => Date;
  jobs: JobQueue;
  bus: Bus;
  cache: SiteCache;
  limiter: RateLimiter;
  mailer: Mailer;
  /** Uploaded files (local disk by default). */
  storage: Storage;
  hooks: Hooks;
  log: Logger;
}

export type Tx = Transaction<DB> | Kysely<DB>;

/**
 * Runs `fn` in one transaction. Jobs enqueued inside it (the outbox) become visible at commit,
 * and the worker is woken right after, so side effects start without waiting for a poll.
 */
export async function transact<T>(ctx: Ctx, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const value = await ctx.db.transaction().execute(fn);
  ctx.jobs.kick();
  // Whatever was written may show on a page: cached anonymous pages are retired everywhere.
  ctx.cache.invalidate("pages");
  return value;
}
