import { parseArgs } from "node:util";
import { createApp } from "./app.js";
import { loadConfig } from "./config/config.js";
import { connect } from "./db/connect.js";
import { migrate } from "./db/migrate.js";
import { system } from "./domain/actor.js";
import { createApiKey } from "./domain/accounts/commands/createApiKey.js";
import { createUser } from "./domain/accounts/commands/createUser.js";
import { findUserByUsername } from "./domain/accounts/repo.js";
import { reindexAll } from "./domain/search/indexing.js";
import { JobRegistry } from "./jobs/registry.js";
import type { Failure } from "./lib/result.js";
import { Hooks } from "./plugins/hooks.js";
import { importPlugins, installPlugins } from "./plugins/loadPlugins.js";
import { translator } from "./render/i18n.js";
import { runBench, scenarioNames } from "./bench/bench.js";
import { seedDemo } from "./seed/seedDemo.js";

const HELP = `hiroba <command> [options]

  migrate                                   bring the database schema up to date
  user:create --username U --email E --password P [--admin] [--moderator] [--staff]
  apikey:create --username U [--description D]   prints a new API key acting as U
  search:reindex                            rebuild the search index from every post, in batches
  seed --demo [--locale ja|en] [--password P]
                                            fill the community with a Japanese/English demo
  bench [--posts N] [--duration S] [--connections C] [--pg ADMIN_URL] [--only a,b] [--profile DIR]
                                            seed a fresh community, load-test it, print JSON lines
`;

function fail(f: Failure): never {
  const t = translator("en");
  const fields = Object.entries(f.fields ?? {}).map(([k, v]) => `  ${k}: ${t(`validation:${v.key.replace(/^validation\./, "")}`, v.params ?? {})}`);
  console.error([`error: ${f.code}${f.messageKey ? ` (${t(f.messageKey, f.params ?? {})})` : ""}`, ...fields].join("\n"));
  process.exit(1);
}

const OPTIONS = {
  username: { type: "string" },
  email: { type: "string" },
  password: { type: "string" },
  description: { type: "string" },
  admin: { type: "boolean" },
  moderator: { type: "boolean" },
  staff: { type: "boolean" },
  demo: { type: "boolean" },
  locale: { type: "string" },
  posts: { type: "string" },
  duration: { type: "string" },
  connections: { type: "string" },
  pg: { type: "string" },
  only: { type: "string" },
  profile: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** The options, or the usage on stderr and exit 1 for an unknown or malformed one. */
function parseOptions(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    process.exit(1);
  }
}

/** The `hiroba` command line: each subcommand calls the same commands the web uses. */
async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseOptions(rest);
  if (values.help) {
    console.log(HELP);
    return;
  }
  // Read by the commands that open the community (bench makes its own).
  const config = () => loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
  switch (command) {
    case "migrate": {
      const { plugins, database } = config();
      const pluginMigrations = await installPlugins(await importPlugins(plugins), new JobRegistry(), new Hooks());
      const db = connect(database);
      const applied = await migrate(db, pluginMigrations);
      await db.close();
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "already up to date");
      return;
    }
    case "user:create": {
      const app = await createApp(config());
      const role = values.admin ? "admin" : values.moderator ? "moderator" : "member";
      const res = await createUser(app.ctx, system, { username: values.username, email: values.email, password: values.password, role, staff: Boolean(values.staff) });
      await app.close();
      if (!res.ok) fail(res);
      console.log(`created user ${values.username} (id ${res.value.id}, ${role})`);
      return;
    }
    case "apikey:create": {
      const app = await createApp(config());
      const user = values.username ? await findUserByUsername(app.ctx.db, values.username) : null;
      if (!user) {
        await app.close();
        console.error(`error: no user named ${values.username ?? "(missing --username)"}`);
        process.exit(1);
      }
      const res = await createApiKey(app.ctx, system, { userId: user.id, description: values.description ?? "created with the CLI" });
      await app.close();
      if (!res.ok) fail(res);
      console.log(res.value.key);
      return;
    }
    case "search:reindex": {
      const app = await createApp(config());
      const started = Date.now();
      const tty = process.stdout.isTTY;
      const indexed = await reindexAll(app.ctx, { onProgress: (n) => tty && process.stdout.write(`\rindexed ${n} posts…`) });
      await app.close();
      console.log(`${tty ? "\r" : ""}indexed ${indexed} posts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
    case "seed": {
      if (!values.demo) {
        console.error("error: say what to seed: hiroba seed --demo");
        process.exit(1);
      }
      // The seed posts far faster than a member may: lift the posting limits for this process.
      // The conversations start two weeks ago and follow each other by minutes to hours.
      let at = Date.now() - 14 * 86_400_000;
      const clock = () => new Date(at);
      const advance = (minutes: number) => (at = Math.min(Date.now(), at + minutes * 60_000));
      const app = await createApp({ ...config(), rateLimitFactor: 1_000_000 }, { clock });
      const locale = values.locale === "en" ? "en" : "ja";
      const res = await seedDemo(app.ctx, { locale, password: values.password, advance });
      await app.close();
      if (!res.ok) {
        console.error("error: the demo is there already (its members exist)");
        process.exit(1);
      }
      const d = res.value;
      console.log(`seeded ${d.members} members, ${d.topics} topics, ${d.posts} posts`);
      console.log(`${d.admin ? `admin "${d.admin}" and every` : "every"} demo member (e.g. tanaka, emma_cs) signs in with the password: ${d.password}`);
      return;
    }
    case "bench": {
      const int = (v: string | undefined, fallback: number) => (v && /^\d+$/.test(v) ? Number(v) : fallback);
      const only = values.only ? values.only.split(",") : [];
      const unknown = only.filter((name) => !scenarioNames().includes(name));
      if (unknown.length > 0) {
        console.error(`error: no scenario named ${unknown.join(", ")}; the scenarios are ${scenarioNames().join(", ")}`);
        process.exit(1);
      }
      await runBench({
        posts: int(values.posts, 50_000),
        duration: int(values.duration, 10),
        connections: int(values.connections, 10),
        database: values.pg ? { pgAdmin: values.pg } : "sqlite",
        only,
        profileDir: values.profile,
        log: (line) => console.log(line),
      });
      return;
    }
    default:
      console.log(HELP);
      if (command && command !== "help" && command !== "--help") process.exit(1);
  }
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exit(1);
});
