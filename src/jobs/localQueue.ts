import type { Ctx, Tx } from "../domain/ctx.js";
import { type JobQueue, type JobStore, waitUntilIdle } from "./queue.js";

const BATCH = 32;
const POLL_MS = 1000;
const SWEEP_MS = 30_000;

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

  async function work(c: Ctx): Promise<void> {
    while (!stopping) {
      kicked = false;
      let claimed = 0;
      try {
        if (Date.now() >= sweepAt) {
          sweepAt = Date.now() + SWEEP_MS;
          await store.sweep();
        }
        const jobs = await store.claim(BATCH);
        claimed = jobs.length;
        // The batch is awaited as a whole, so stop() returns only when every claimed job has finished.
        await store.runAll(c, jobs, c.log);
      } catch (e) {
        c.log.error({ err: e }, "job worker error");
      }
      if (stopping) break;
      if (claimed > 0 || kicked) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, POLL_MS);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
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
