import type * as BullMQ from "bullmq";
import type { Queue, Worker } from "bullmq";
import { onDemand } from "../lib/onDemand.js";
import type { Ctx, Tx } from "../domain/ctx.js";
import { type JobQueue, type JobStore, backoffMs, waitUntilIdle } from "./queue.js";

const QUEUE = "hiroba-jobs";
const RELAY_MS = 1000;
const SWEEP_MS = 30_000;
const BATCH = 100;
const bullmq = onDemand<typeof BullMQ>("bullmq");

/**
 * Scaled mode: the `jobs` table stays the outbox and the record admins see; BullMQ on Redis
 * distributes the work. Every process relays: it moves due rows to `queued` (one conditional
 * UPDATE, so each row is relayed by one process) and adds them to the BullMQ queue. A worker
 * starts a delivered job with `begin` (queued → running, again conditional), so a duplicate
 * delivery finds nothing to start and a job attempt runs once however many processes work.
 * Retries go back through the table (pending with a later `run_at`), so both drivers share one
 * retry policy and one record of attempts; BullMQ's own retries are not used.
 */
export function createBullQueue(store: JobStore, redisUrl: string, opts: { work: boolean; prefix: string; concurrency?: number }): JobQueue {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  let queue: Queue | null = null;
  let worker: Worker | null = null;
  let timer: NodeJS.Timeout | null = null;
  const retryTimers = new Set<NodeJS.Timeout>();
  let relaying: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let ctx: Ctx | null = null;
  let sweepAt = 0;
  let stopping: Promise<void> | null = null;

  async function relayOnce(q: Queue): Promise<void> {
    if (Date.now() >= sweepAt) {
      sweepAt = Date.now() + SWEEP_MS;
      await store.sweep();
    }
    while (!stopped) {
      const jobs = await store.claimForRelay(BATCH);
      if (jobs.length === 0) return;
      try {
        await q.addBulk(jobs.map((j) => ({ name: j.kind, data: { id: j.id }, opts: { removeOnComplete: true, removeOnFail: 1000 } })));
      } catch (e) {
        // Not handed over: give the rows back now rather than after their lease.
        await store.release(jobs.map((j) => j.id));
        throw e;
      }
    }
  }

  function relay(): void {
    const q = queue;
    if (!q || stopped) return;
    if (relaying) {
      again = true;
      return;
    }
    relaying = relayOnce(q)
      .catch((e) => ctx?.log.error({ err: e }, "job relay error"))
      .finally(() => {
        relaying = null;
        if (again) {
          again = false;
          relay();
        }
      });
  }

  function relayAfter(ms: number): void {
    const t = setTimeout(() => {
      retryTimers.delete(t);
      relay();
    }, ms);
    t.unref();
    retryTimers.add(t);
  }

  return {
    emit: (trx: Tx, event, payload) => store.emit(trx, event, payload),
    enqueue: (trx: Tx, kind, payload, o) => store.enqueue(trx, kind, payload, o?.runAt),
    kick: relay,
    start(c) {
      if (queue || stopped) return;
      ctx = c;
      queue = new (bullmq().Queue)(QUEUE, { connection, prefix: opts.prefix });
      queue.on("error", (e) => c.log.error({ err: e }, "bullmq queue error"));
      timer = setInterval(relay, RELAY_MS);
      relay();
      if (!opts.work) return;
      worker = new (bullmq().Worker)(
        QUEUE,
        async (delivered) => {
          const job = await store.begin(Number((delivered.data as { id: number }).id));
          if (!job) return;
          const error = await store.run(c, job, c.log);
          if (error && job.attempt < job.maxAttempts) relayAfter(backoffMs(job.attempt) + 10);
        },
        { connection, concurrency: opts.concurrency ?? 16, prefix: opts.prefix },
      );
      worker.on("error", (e) => c.log.error({ err: e }, "bullmq worker error"));
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        if (timer) clearInterval(timer);
        for (const t of retryTimers) clearTimeout(t);
        retryTimers.clear();
        await relaying;
        // Worker.close waits for the jobs this process is running to finish.
        await worker?.close();
        await queue?.close();
      })();
      return stopping;
    },
    drain: (timeoutMs = 10_000) => waitUntilIdle(store, timeoutMs),
  };
}
