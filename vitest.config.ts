import { defineConfig } from "vitest/config";

// Unit and integration tests next to the code. The database comes from test/harness.ts:
// SQLite by default, PostgreSQL when HIROBA_TEST_DB=postgres (see scripts/test.mjs).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "themes/**/*.test.tsx", "test/*.test.ts"],
    globalSetup: ["test/globalSetup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
