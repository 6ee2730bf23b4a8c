import path from "node:path";
import pino from "pino";
import type { Config } from "./config/config.js";
import { connect } from "./db/connect.js";
import { migrate } from "./db/migrate.js";
import { SiteCache } from "./domain/community/siteCache.js";
// Content types and post extensions register themselves on import.
import "./domain/content/types/index.js";
import type { Ctx } from "./domain/ctx.js";
import { createLocalBus, createRedisBus, ioredis } from "./infra/bus.js";
import { createMailer } from "./infra/mail.js";
import { createMemoryLimiter, createRedisLimiter } from "./infra/rateLimiter.js";
import { createBullQueue } from "./jobs/bullQueue.js";
import { registerJobs } from "./jobs/handlers.js";
import { createLocalQueue } from "./jobs/localQueue.js";
import { JobStore } from "./jobs/queue.js";
import { JobRegistry } from "./jobs/registry.js";
import { Hooks } from "./plugins/hooks.js";
import { importPlugins, installPlugins } from "./plugins/loadPlugins.js";
import type { HirobaPlugin } from "./plugins/plugin.js";
import { localStorage } from "./infra/storage.js";

export interface App {
  ctx: Ctx;
  /** The jobs table operations (sweep, claim), for the CLI and tests. */
  jobStore: JobStore;
  /** Starts the job worker (or relay) when this process runs jobs. */
  startJobs(): void;
  /** Stops jobs (waiting for running ones), then closes Redis, mail and the database. */
  close(): Promise<void>;
}

export interface AppOptions {
  clock?: () => Date;
  /** False skips migrations (the caller migrated already). */
  migrate?: boolean;
  hooks?: Hooks;
  /**
   * The job registry to use; core jobs are registered into it. Plugins and tests pass one with
   * their own kinds defined.
   */
  registry?: JobRegistry;
  /** Plugins to install besides those named in `PLUGINS` (tests pass them directly). */
  plugins?: HirobaPlugin[];
}

/**
 * Wires one process: database (migrated), bus, rate limiter, job queue, mailer and caches,
 * picking the embedded or scaled driver of each from the config. Domain code never knows which.
 */
export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const log = pino({ level: config.logLevel });
  const hooks = opts.hooks ?? new Hooks();
  const registry = registerJobs(opts.registry ?? new JobRegistry());
  const plugins = [...(await importPlugins(config.plugins)), ...(opts.plugins ?? [])];
  const pluginMigrations = await installPlugins(plugins, registry, hooks);
  const database = connect(config.database);
  if (opts.migrate !== false) await migrate(database, pluginMigrations);
  const clock = opts.clock ?? (() => new Date());
  const redis = config.redisUrl ? new (ioredis().Redis)(config.redisUrl, { maxRetriesPerRequest: null }) : null;
  redis?.on("error", (e: Error) => log.warn({ err: e }, "redis connection error"));
  const bus = config.redisUrl ? createRedisBus(config.redisUrl, config.redisPrefix, log) : createLocalBus();
  // Serve only once other processes' cache invalidations and live messages reach this one.
  await bus.ready();
  const limiter = redis ? createRedisLimiter(redis, config.redisPrefix) : createMemoryLimiter(clock);
  const store = new JobStore(database.db, database.engine, registry, clock);
  const jobs = config.redisUrl ? createBullQueue(store, config.redisUrl, { work: config.runJobs, prefix: config.redisPrefix }) : createLocalQueue(store);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir });
  const ctx: Ctx = {
    db: database.db,
    engine: database.engine,
    config,
    clock,
    jobs,
    bus,
    cache: new SiteCache(database.db, bus),
    limiter,
    mailer,
    storage: localStorage(path.join(config.dataDir, "uploads")),
    hooks,
    log,
  };
  return {
    ctx,
    jobStore: store,
    startJobs() {
      // In the embedded mode the worker is this process; JOBS=off leaves jobs to other processes.
      // In the scaled mode every process relays its outbox; JOBS=off only keeps it from working.
      if (config.redisUrl || config.runJobs) jobs.start(ctx);
    },
    async close() {
      await jobs.stop();
      await bus.close();
      await redis?.quit();
      mailer.close();
      await database.close();
    },
  };
}
