import { defineConfig } from "vitest/config";

// Browser and multi-process tests against the BUILT server (`node dist/main.js`), run by
// `node scripts/test.mjs e2e` after the build. Each file starts its own servers on fresh data
// (see test/e2e/support.ts); files run one at a time, as servers and Chromium are heavy.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
  },
});
