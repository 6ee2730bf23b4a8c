import { createApp } from "./app.js";
import { loadConfig } from "./config/config.js";
import { flushTopicViews } from "./domain/content/viewCounter.js";
import { buildServer } from "./http/server.js";

/** After this long a shutdown gives up waiting (for a stuck job, say) and exits anyway. */
const SHUTDOWN_LIMIT_MS = 30_000;

/**
 * Process entry: config → database (migrated) → jobs → HTTP server. On SIGTERM or SIGINT it stops
 * gracefully: no new connections, live streams ended (browsers reconnect to another process),
 * in-flight requests answered, running jobs finished, gathered view counts written, then exit 0.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const server = await buildServer(app.ctx);
  app.startJobs();
  await server.listen({ port: config.port, host: config.host });
  app.ctx.log.info(`Hiroba is running at ${config.baseUrl} (${app.ctx.engine}${config.redisUrl ? " + redis" : ""})`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const log = app.ctx.log;
    log.info({ signal }, "shutting down");
    setTimeout(() => {
      log.error(`shutdown took longer than ${SHUTDOWN_LIMIT_MS} ms; exiting`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    try {
      await server.close();
      await flushTopicViews(app.ctx);
      await app.close();
      log.info("stopped");
      process.exit(0);
    } catch (e) {
      log.error({ err: e }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
