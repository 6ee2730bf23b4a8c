// `hiroba bench` end to end, small: it seeds, starts the built server, runs every scenario and
// cleans up. Speed is not asserted here (the figures come from a full `hiroba bench` run); what is
// asserted is that every scenario really exercised the server without errors.
import { spawnSync } from "node:child_process";
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
      expect(results.map((r) => r.scenario)).toEqual(["topic_page", "category_list", "topic_json", "search", "search_uncached", "reply_post"]);
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

  it("prints the usage for --help, and an error with the usage for an unknown option or scenario", () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(root, "dist", "cli.js"), ...args], { encoding: "utf8" });
    const help = cli("bench", "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("bench [--posts N]");
    const bogus = cli("bench", "--bogus");
    expect(bogus.status).toBe(1);
    expect(bogus.stderr).toMatch(/^error: Unknown option '--bogus'/);
    expect(bogus.stderr).toContain("bench [--posts N]");
    expect(bogus.stderr).not.toContain("    at ");
    const unknown = cli("bench", "--only", "topic_page,nope");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("no scenario named nope; the scenarios are topic_page, category_list, topic_json, search, search_uncached, reply_post");
  });
});
