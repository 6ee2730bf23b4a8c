import type { Ctx, Tx } from "../domain/ctx.js";
import { type JobQueue, type JobStore, waitUntilIdle } from "./queue.js";

const BATCH = 32;
const POLL_MS = 1000;

/**
 * Embedded mode (and PostgreSQL without Redis): this process claims due rows from `jobs` and runs
 * them. A commit wakes it at once; otherwise it polls once a second for retries and delayed jobs.
 */
export function createLocalQueue(store: JobStore): JobQueue {
  let ctx: Ctx | null = null;
  let running = false;
  let stopping = false;
  let wake: (() => void) | null = null;
  let kicked = false;
  let loop: Promise<void> | null = null;
  let sweepAt = 0;

  async function work(): Promise<void> {
    while (!stopping) {
      kicked = false;
      let claimed = 0;
      try {
        if (Date.now() >= sweepAt) {
          sweepAt = Date.now() + 30_000;
          await store.sweep();
        }
        const jobs = await store.claim(BATCH, "running");
        claimed = jobs.length;
        await Promise.all(jobs.map((j) => store.run(ctx!, j, ctx!.log)));
      } catch (e) {
        ctx!.log.error({ err: e }, "job worker error");
      }
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
      if (running) return;
      ctx = c;
      running = true;
      loop = work();
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
    drain: (timeoutMs = 10_000) => waitUntilIdle(store, timeoutMs),
  };
}
