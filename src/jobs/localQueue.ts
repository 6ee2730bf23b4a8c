import type { Ctx, Tx } from "../domain/ctx.js";
import { type JobQueue, type JobStore, waitUntilIdle } from "./queue.js";

const BATCH = 64;
const POLL_MS = 1000;
const SWEEP_MS = 30_000;
/**
 * Claims start at least this far apart unless the last one came back full. Under load one claim
 * then gathers the jobs of many commits, and handlers registered with `onBatch` do one query for
 * all of them; an idle worker still answers a kick at once.
 */
const CLAIM_GAP_MS = 20;

/**
 * Embedded mode (and PostgreSQL without Redis): this process claims due rows from `jobs` and runs
 * them. A commit wakes it at once; otherwise it polls once a second for retries and delayed jobs.
 * Several processes may run it against one PostgreSQL database: claims skip each other's rows.
 */
export function createLocalQueue(store: JobStore): JobQueue {
  let stopping = false;
  let wake: (() => void) | null = null;
  let kicked = false;
  let loop: Promise<void> | null = null;
  let sweepAt = 0;

  /** Resolves after `ms`, or at once when woken (a kick or stop). */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    }).finally(() => {
      wake = null;
    });

  async function work(c: Ctx): Promise<void> {
    let claimedAt = 0;
    let full = false;
    while (!stopping) {
      const gap = claimedAt + CLAIM_GAP_MS - Date.now();
      // Not cut short by kicks: the commits of this gap are what the next claim gathers.
      if (!full && gap > 0) await new Promise((resolve) => setTimeout(resolve, gap));
      if (stopping) break;
      kicked = false;
      claimedAt = Date.now();
      let claimed = 0;
      try {
        if (Date.now() >= sweepAt) {
          sweepAt = Date.now() + SWEEP_MS;
          await store.sweep();
        }
        const jobs = await store.claim(BATCH);
        claimed = jobs.length;
        full = claimed === BATCH;
        // The batch is awaited as a whole, so stop() returns only when every claimed job has finished.
        await store.runAll(c, jobs, c.log);
      } catch (e) {
        c.log.error({ err: e }, "job worker error");
      }
      if (stopping) break;
      if (claimed > 0 || kicked) continue;
      await pause(POLL_MS);
    }
  }

  return {
    emit: (trx: Tx, event, payload) => store.emit(trx, event, payload),
    enqueue: (trx: Tx, kind, payload, opts) => store.enqueue(trx, kind, payload, opts?.runAt),
    kick() {
      kicked = true;
      wake?.();
    },
    start(c) {
      if (loop || stopping) return;
      loop = work(c);
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
    drain: (timeoutMs = 10_000) => waitUntilIdle(store, timeoutMs),
  };
}
