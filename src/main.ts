import { createApp } from "./app.js";
import { loadConfig } from "./config/config.js";
import { flushTopicViews } from "./domain/content/viewCounter.js";
import { buildServer } from "./http/server.js";

/** Process entry: config → database (migrated) → jobs → HTTP server; stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const server = await buildServer(app.ctx);
  app.startJobs();
  await server.listen({ port: config.port, host: config.host });
  app.ctx.log.info(`Hiroba is running at ${config.baseUrl} (${app.ctx.engine}${config.redisUrl ? " + redis" : ""})`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await flushTopicViews(app.ctx);
    await app.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
