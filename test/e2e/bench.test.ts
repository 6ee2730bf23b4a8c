// `hiroba bench` end to end, small: it seeds, starts the built server, runs every scenario and
// cleans up. Speed is not asserted here (the figures come from a full `hiroba bench` run); what is
// asserted is that every scenario really exercised the server without errors.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBench } from "../../src/bench/bench.js";
import { e2eEnv, root } from "./support.js";

describe("hiroba bench", () => {
  for (const engine of ["sqlite", "postgres"] as const) {
    it(`measures every scenario on ${engine} and leaves nothing behind`, async () => {
      const before = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("hiroba-bench-")).length;
      const lines: string[] = [];
      const results = await runBench({
        posts: 300,
        duration: 1,
        connections: 2,
        database: engine === "sqlite" ? "sqlite" : { pgAdmin: e2eEnv.pgAdmin },
        only: [],
        serverEntry: path.join(root, "dist", "main.js"),
        log: (l) => lines.push(l),
      });
      expect(results.map((r) => r.scenario)).toEqual(["topic_page", "category_list", "topic_json", "search", "reply_post"]);
      for (const r of results) {
        expect(r.requests).toBeGreaterThan(0);
        expect(r.errors).toBe(0);
        expect(r.non2xx).toBe(0);
        expect(r.rss_mb).toBeGreaterThan(0);
      }
      expect(lines.map((l) => Object.keys(JSON.parse(l)).slice(0, 5))).toEqual(results.map(() => ["scenario", "rps", "p50_ms", "p99_ms", "rss_mb"]));
      expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("hiroba-bench-")).length).toBe(before);
    }, 120_000);
  }
});
