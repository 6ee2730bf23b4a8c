import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toJson } from "../src/db/codec.js";
import { type Tx, transact } from "../src/domain/ctx.js";
import { LEASE_MS, backoffMs } from "../src/jobs/queue.js";
import { JobRegistry } from "../src/jobs/registry.js";
import { type TestApp, testApp, usingPostgres } from "./harness.js";

/**
 * The behaviour both job drivers must have, run against real databases (and real Redis for the
 * scaled driver): outbox semantics, retries with backoff, recovery of abandoned jobs, draining,
 * a shutdown that waits for running jobs, and exactly-once execution across two processes.
 * `redis` picks the driver: false → the in-process worker, true → BullMQ.
 */
export function jobDriverTests(redis: boolean): void {
  /** What the test handlers did, by a test-chosen key. */
  class Runs {
    readonly byKey = new Map<string, number>();
    readonly byApp = new Map<string, number>();
    count(key: string, app = "") {
      this.byKey.set(key, (this.byKey.get(key) ?? 0) + 1);
      this.byApp.set(app, (this.byApp.get(app) ?? 0) + 1);
    }
    of(key: string) {
      return this.byKey.get(key) ?? 0;
    }
  }

  /** A registry with the test kinds; `app` labels which process ran a job. */
  function registry(runs: Runs, app = ""): JobRegistry {
    return new JobRegistry()
      .define("test.count", async (_ctx, p) => runs.count(String(p.key), app))
      .on("test.happened", "test.onHappened", async (_ctx, p) => runs.count(`event:${String(p.key)}`, app))
      .define(
        "test.fail",
        async (_ctx, p) => {
          runs.count(String(p.key), app);
          throw new Error(`refused ${String(p.key)}`);
        },
        { maxAttempts: 3 },
      )
      .onBatch(
        "test.batchable",
        "test.onBatchable",
        async (_ctx, payloads) => {
          runs.count(`batch-of-${payloads.length}`, app);
          const bad = payloads.find((p) => p.bad);
          if (bad) throw new Error(`refused ${String(bad.key)}`);
          for (const p of payloads) runs.count(String(p.key), app);
        },
        { maxAttempts: 1 },
      )
      .define("test.slow", async (_ctx, p) => {
        runs.count(`${String(p.key)}:started`, app);
        await new Promise((r) => setTimeout(r, Number(p.ms)));
        runs.count(`${String(p.key)}:finished`, app);
      });
  }

  const enqueue = (t: TestApp, kind: string, payload: Record<string, unknown>) =>
    transact(t.ctx, (trx: Tx) => t.ctx.jobs.enqueue(trx, kind, payload));

  /** The test jobs whose payload key matches (payload is JSON text or jsonb, so compare parsed). */
  async function jobRows(t: TestApp, match: (key: string) => boolean) {
    const rows = await t.ctx.db.selectFrom("jobs").selectAll().where("kind", "like", "test.%").orderBy("id").execute();
    return rows.filter((r) => match(String(toJson<{ key?: string }>(r.payload).key)));
  }

  async function jobRow(t: TestApp, key: string) {
    const [row] = await jobRows(t, (k) => k === key);
    if (!row) throw new Error(`no job ${key}`);
    return row;
  }

  async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  describe("one process", () => {
    const runs = new Runs();
    let offset = 0;
    const clock = () => new Date(Date.now() + offset);
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp({ redis, registry: registry(runs), clock, startJobs: false });
    });
    afterAll(() => t.close());

    it("keeps jobs until a worker runs them: drain times out, then waits for them", async () => {
      await enqueue(t, "test.count", { key: "early" });
      await expect(t.ctx.jobs.drain(300)).rejects.toThrow(/still running/);
      expect(runs.of("early")).toBe(0);
      t.app.startJobs();
      await t.ctx.jobs.drain();
      expect(runs.of("early")).toBe(1);
      const row = await jobRow(t, "early");
      expect(row).toMatchObject({ status: "done", attempts: 1, last_error: null });
      expect(row.finished_at).not.toBeNull();
    });

    it("never runs a job emitted or enqueued in a transaction that rolled back", async () => {
      await expect(
        transact(t.ctx, async (trx) => {
          await t.ctx.jobs.enqueue(trx, "test.count", { key: "rolled-back" });
          await t.ctx.jobs.emit(trx, "test.happened", { key: "rolled-back" });
          throw new Error("change refused");
        }),
      ).rejects.toThrow("change refused");
      // A committed job after it: once it has run, the worker has seen everything there is.
      await transact(t.ctx, async (trx) => {
        await t.ctx.jobs.enqueue(trx, "test.count", { key: "committed" });
        await t.ctx.jobs.emit(trx, "test.happened", { key: "committed" });
      });
      await t.ctx.jobs.drain();
      expect(runs.of("committed")).toBe(1);
      expect(runs.of("event:committed")).toBe(1);
      expect(runs.of("rolled-back")).toBe(0);
      expect(runs.of("event:rolled-back")).toBe(0);
      expect(await jobRows(t, (k) => k === "rolled-back")).toEqual([]);
    });

    it("retries a failing job with backoff and marks it failed with the error after the last attempt", async () => {
      const first = clock();
      await enqueue(t, "test.fail", { key: "flaky" });
      await until("the first attempt", async () => (await jobRow(t, "flaky")).attempts === 1 && (await jobRow(t, "flaky")).status === "pending");
      const afterFirst = clock();
      let row = await jobRow(t, "flaky");
      expect(row.last_error).toContain("refused flaky");
      const runAt = new Date(row.run_at as string | Date).getTime();
      expect(runAt).toBeGreaterThanOrEqual(first.getTime() + backoffMs(1));
      expect(runAt).toBeLessThanOrEqual(afterFirst.getTime() + backoffMs(1));
      // Not before its time: the worker polls every second, so 1.2 s gives it a chance to misbehave.
      await new Promise((r) => setTimeout(r, 1200));
      expect(runs.of("flaky")).toBe(1);

      offset += backoffMs(1);
      t.ctx.jobs.kick();
      await until("the second attempt", async () => (await jobRow(t, "flaky")).attempts === 2 && (await jobRow(t, "flaky")).status === "pending");
      row = await jobRow(t, "flaky");
      expect(new Date(row.run_at as string | Date).getTime()).toBeGreaterThanOrEqual(clock().getTime() + backoffMs(2) - 2000);

      offset += backoffMs(2);
      t.ctx.jobs.kick();
      await until("the final failure", async () => (await jobRow(t, "flaky")).status === "failed");
      row = await jobRow(t, "flaky");
      expect(row.attempts).toBe(3);
      expect(row.max_attempts).toBe(3);
      expect(row.last_error).toContain("refused flaky");
      expect(row.finished_at).not.toBeNull();
      expect(runs.of("flaky")).toBe(3);
      // Failed for good: no further attempt, however much time passes.
      offset += backoffMs(3) * 10;
      t.ctx.jobs.kick();
      await t.ctx.jobs.drain();
      expect(runs.of("flaky")).toBe(3);
    });
  });

  describe("batched kinds", () => {
    const runs = new Runs();
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp({ redis, registry: registry(runs), startJobs: false });
    });
    afterAll(() => t.close());

    const emitAll = (payloads: Array<Record<string, unknown>>) =>
      transact(t.ctx, async (trx) => {
        for (const p of payloads) await t.ctx.jobs.emit(trx, "test.batchable", p);
      });

    it("hands the jobs of a batched kind claimed together to one call", async () => {
      await emitAll([1, 2, 3, 4, 5].map((i) => ({ key: `together-${i}` })));
      t.app.startJobs();
      await t.ctx.jobs.drain();
      for (let i = 1; i <= 5; i++) expect(runs.of(`together-${i}`)).toBe(1);
      // The in-process worker claims all five at once; BullMQ delivers jobs one by one.
      if (redis) expect(runs.of("batch-of-1")).toBe(5);
      else expect(runs.of("batch-of-5")).toBe(1);
      const rows = await jobRows(t, (k) => k.startsWith("together-"));
      expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(5).fill(["done", 1]));
    });

    it("runs the jobs of a failed batch one by one, so only the bad one fails", async () => {
      // Emitted in one transaction, so the running worker finds all three due at once.
      await emitAll([{ key: "good-1" }, { key: "bad", bad: true }, { key: "good-2" }]);
      await t.ctx.jobs.drain();
      expect(runs.of("good-1")).toBe(1);
      expect(runs.of("good-2")).toBe(1);
      expect(await jobRow(t, "good-1")).toMatchObject({ status: "done", attempts: 1 });
      expect(await jobRow(t, "good-2")).toMatchObject({ status: "done", attempts: 1 });
      const bad = await jobRow(t, "bad");
      expect(bad).toMatchObject({ status: "failed", attempts: 1 });
      expect(bad.last_error).toContain("refused bad");
      if (!redis) expect(runs.of("batch-of-3")).toBe(1);
    });
  });

  describe("recovery and shutdown", () => {
    const runs = new Runs();
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp({ redis, registry: registry(runs), startJobs: false });
    });
    afterAll(() => t.close());

    it("sweeps jobs abandoned by a crashed process back to pending, and runs them", async () => {
      const now = new Date();
      const stuck = (key: string, status: "running" | "queued", lockedUntil: Date) =>
        t.ctx.db
          .insertInto("jobs")
          .values({ kind: "test.count", payload: JSON.stringify({ key }), status, attempts: status === "running" ? 1 : 0, max_attempts: 5, run_at: now, locked_until: lockedUntil, created_at: now })
          .returning("id")
          .executeTakeFirstOrThrow();
      const lapsed = new Date(now.getTime() - 1000);
      await stuck("crashed-running", "running", lapsed);
      await stuck("crashed-queued", "queued", lapsed);
      // A job another live process is running right now keeps its lease.
      const live = await stuck("still-running", "running", new Date(now.getTime() + LEASE_MS));

      expect(await t.app.jobStore.sweep()).toBe(2);
      expect((await jobRow(t, "crashed-running")).status).toBe("pending");
      expect((await jobRow(t, "crashed-queued")).status).toBe("pending");
      expect((await jobRow(t, "still-running")).status).toBe("running");

      // Finish the "live" one as its process would, so the queue can drain.
      await t.ctx.db.updateTable("jobs").set({ status: "done", finished_at: new Date() }).where("id", "=", live.id).execute();
      t.app.startJobs();
      await t.ctx.jobs.drain();
      expect(runs.of("crashed-running")).toBe(1);
      expect(runs.of("crashed-queued")).toBe(1);
      expect(runs.of("still-running")).toBe(0);
      expect(await jobRow(t, "crashed-running")).toMatchObject({ status: "done", attempts: 2 });
      expect(await jobRow(t, "crashed-queued")).toMatchObject({ status: "done", attempts: 1 });
    });

    it("waits for running jobs when it stops", async () => {
      await enqueue(t, "test.slow", { key: "slow", ms: 400 });
      await until("the slow job to start", () => runs.of("slow:started") === 1);
      await t.ctx.jobs.stop();
      expect(runs.of("slow:finished")).toBe(1);
      expect(await jobRow(t, "slow")).toMatchObject({ status: "done", attempts: 1 });
    });
  });

  // Several processes share one community only on PostgreSQL: SQLite is the one-process mode (two
  // connections in one process would also block each other's transactions). So this part runs
  // in the PostgreSQL pass of the suite (HIROBA_TEST_DB=postgres).
  if (usingPostgres()) twoProcesses();

  function twoProcesses() {
    describe("two processes on one community", () => {
      const runs = new Runs();
      let a: TestApp;
      let b: TestApp;
      beforeAll(async () => {
        a = await testApp({ redis, registry: registry(runs, "a") });
        b = await testApp({ join: a, registry: registry(runs, "b") });
      });
      afterAll(async () => {
        await b?.close();
        await a?.close();
      });

      it("shares the queue and runs each of 200 jobs exactly once", async () => {
        const N = 200;
        const batches: Promise<void>[] = [];
        for (let i = 0; i < N; i += 10) {
          const via = (i / 10) % 2 === 0 ? a : b;
          batches.push(
            transact(via.ctx, async (trx) => {
              for (let k = i; k < i + 10; k++) await via.ctx.jobs.enqueue(trx, "test.slow", { key: `many-${k}`, ms: 5 });
            }),
          );
        }
        await Promise.all(batches);
        await until("all jobs to finish", () => [...runs.byKey.keys()].filter((k) => k.endsWith(":finished")).length === N, 30_000);
        await Promise.all([a.ctx.jobs.drain(), b.ctx.jobs.drain()]);
        for (let k = 0; k < N; k++) expect(runs.of(`many-${k}:started`), `job many-${k}`).toBe(1);
        expect((runs.byApp.get("a") ?? 0) + (runs.byApp.get("b") ?? 0)).toBe(2 * N);
        // Both processes took work.
        expect(runs.byApp.get("a")).toBeGreaterThan(0);
        expect(runs.byApp.get("b")).toBeGreaterThan(0);
        const rows = await jobRows(a, (k) => k.startsWith("many-"));
        expect(rows).toHaveLength(N);
        expect(rows.every((r) => r.status === "done" && r.attempts === 1)).toBe(true);
      });
    });
  }
}
