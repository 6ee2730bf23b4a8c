import { Queue, Worker } from "bullmq";
import { toJson } from "../db/codec.js";
import type { Ctx, Tx } from "../domain/ctx.js";
import { type JobQueue, type JobStore, backoffMs, waitUntilIdle } from "./queue.js";

const QUEUE = "hiroba-jobs";
const RELAY_MS = 1000;

/**
 * Scaled mode: the `jobs` table stays the outbox and the record admins see; BullMQ on Redis
 * distributes the work. Each pending row is claimed by exactly one process (`status = queued`)
 * and added with `jobId = j<id>`, so a job runs once however many processes relay or work.
 */
export function createBullQueue(store: JobStore, redisUrl: string, opts: { work: boolean; prefix: string }): JobQueue {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue(QUEUE, { connection, prefix: opts.prefix });
  let worker: Worker | null = null;
  let timer: NodeJS.Timeout | null = null;
  let relaying: Promise<void> | null = null;
  let again = false;
  let ctx: Ctx | null = null;
  let sweepAt = 0;

  async function relayOnce(): Promise<void> {
    if (Date.now() >= sweepAt) {
      sweepAt = Date.now() + 30_000;
      await store.sweep();
    }
    for (;;) {
      const jobs = await store.claim(100, "queued");
      if (jobs.length === 0) return;
      await queue.addBulk(
        jobs.map((j) => ({
          name: j.kind,
          data: { id: j.id },
          opts: { jobId: `j${j.id}`, removeOnComplete: 1000, removeOnFail: 5000 },
        })),
      );
    }
  }

  function relay(): void {
    if (relaying) {
      again = true;
      return;
    }
    relaying = relayOnce()
      .catch((e) => ctx?.log.error({ err: e }, "job relay error"))
      .finally(() => {
        relaying = null;
        if (again) {
          again = false;
          relay();
        }
      });
  }

  return {
    emit: (trx: Tx, event, payload) => store.emit(trx, event, payload),
    enqueue: (trx: Tx, kind, payload, o) => store.enqueue(trx, kind, payload, o?.runAt),
    kick: relay,
    start(c) {
      ctx = c;
      timer = setInterval(relay, RELAY_MS);
      relay();
      if (!opts.work) return;
      worker = new Worker(
        QUEUE,
        async (job) => {
          const id = Number((job.data as { id: number }).id);
          const row = await store.db
            .selectFrom("jobs")
            .select(["id", "kind", "payload", "attempts", "max_attempts", "status"])
            .where("id", "=", id)
            .executeTakeFirst();
          if (!row || row.status === "done" || row.status === "failed") return;
          const error = await store.run(c, { id, kind: row.kind, payload: toJson(row.payload), attempts: row.attempts, maxAttempts: row.max_attempts }, c.log);
          // Retries go back through the table (status pending, run_at later) and are relayed again,
          // so both drivers share one retry policy and one record of attempts.
          if (error) relayLater(row.attempts + 1);
        },
        { connection, concurrency: 16, prefix: opts.prefix },
      );
      worker.on("error", (e) => c.log.error({ err: e }, "bullmq worker error"));
    },
    async stop() {
      if (timer) clearInterval(timer);
      await relaying;
      await worker?.close();
      await queue.close();
    },
    drain: (timeoutMs = 10_000) => waitUntilIdle(store, timeoutMs),
  };

  function relayLater(attempt: number): void {
    setTimeout(relay, backoffMs(attempt) + 10).unref();
  }
}
