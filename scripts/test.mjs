// The test command (`npm test`): build, type-check, lint, the unit/integration suite on SQLite and
// again on PostgreSQL, then the browser and multi-process tests. In CI (CI=true) every stage is
// required; on a laptop without PostgreSQL, Redis or Chromium those stages say so and are skipped.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

const ci = process.env.CI === "true" || process.env.CI === "1";
const pgAdmin = process.env.HIROBA_TEST_PG_ADMIN ?? "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.HIROBA_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const only = process.argv[2];

function run(title, cmd, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`✘ ${title} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function reachable(url, fallbackPort) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || fallbackPort) });
    s.setTimeout(2000);
    s.on("connect", () => (s.destroy(), resolve(true)));
    s.on("error", () => resolve(false));
    s.on("timeout", () => (s.destroy(), resolve(false)));
  });
}

function skipOrFail(what) {
  if (ci) {
    console.error(`✘ ${what} is required in CI`);
    process.exit(1);
  }
  console.warn(`! skipped: ${what} is not available here`);
}

const vitest = ["node_modules/vitest/vitest.mjs", "run"];
const stage = (name) => !only || only === name;

if (stage("static")) {
  run("build", process.execPath, ["scripts/build.mjs"]);
  run("type-check", process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit"]);
  run("lint", process.execPath, ["node_modules/eslint/bin/eslint.js", "."]);
}
// Files named *.redis.test.ts need Redis (the scaled-mode drivers); without it they are left out.
const haveRedis = await reachable(redisUrl, 6379);
const unitArgs = haveRedis ? vitest : [...vitest, "--exclude", "**/*.redis.test.ts"];
const unitEnv = { HIROBA_TEST_REDIS_URL: redisUrl };
if ((stage("sqlite") || stage("postgres")) && !haveRedis) skipOrFail(`Redis at ${redisUrl} (the *.redis.test.ts files)`);
if (stage("sqlite")) run("tests on SQLite", process.execPath, unitArgs, unitEnv);
if (stage("postgres")) {
  if (await reachable(pgAdmin, 5432)) run("tests on PostgreSQL", process.execPath, unitArgs, { ...unitEnv, HIROBA_TEST_DB: "postgres", HIROBA_TEST_PG_ADMIN: pgAdmin });
  else skipOrFail(`PostgreSQL at ${pgAdmin}`);
}
if (stage("e2e") && fs.existsSync("vitest.e2e.config.ts")) {
  // The end-to-end tests start the built server with PostgreSQL and Redis and drive Chromium:
  // the stage runs when all three are here (always in CI).
  const missing = [];
  if (!fs.existsSync(chromium)) missing.push(`Chromium at ${chromium}`);
  if (!(await reachable(pgAdmin, 5432))) missing.push(`PostgreSQL at ${pgAdmin}`);
  if (!haveRedis) missing.push(`Redis at ${redisUrl}`);
  if (missing.length > 0) skipOrFail(`${missing.join(", ")} (browser and multi-process tests)`);
  else {
    // The tests run dist/main.js: it must be built from the code as it is now.
    if (!stage("static")) run("build", process.execPath, ["scripts/build.mjs"]);
    run("browser and multi-process tests", process.execPath, [...vitest, "--config", "vitest.e2e.config.ts"], {
      HIROBA_E2E_CHROMIUM: chromium,
      HIROBA_E2E_PG: pgAdmin,
      HIROBA_E2E_REDIS: redisUrl,
    });
  }
}
console.log("\nAll tests passed.");
