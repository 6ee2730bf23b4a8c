import type { Ctx } from "../ctx.js";

const FLUSH_MS = 10_000;
const FLUSH_BATCH = 200;
const pending = new WeakMap<Ctx, Map<number, number>>();

/**
 * Counts a topic view without writing on the page-view path: views gather in memory and are
 * added to `topics.view_count` every few seconds, one UPDATE per topic, in batches.
 */
export function recordTopicView(ctx: Ctx, topicId: number): void {
  let counts = pending.get(ctx);
  if (!counts) {
    counts = new Map();
    pending.set(ctx, counts);
    const timer = setInterval(() => void flushTopicViews(ctx), FLUSH_MS);
    timer.unref();
  }
  counts.set(topicId, (counts.get(topicId) ?? 0) + 1);
}

const flushing = new WeakMap<Ctx, Promise<void>>();

/**
 * Writes gathered views now (also called on shutdown). A flush waits for the one before it, so
 * the shutdown's flush ends only after a timer's flush that was already writing has finished.
 */
export function flushTopicViews(ctx: Ctx): Promise<void> {
  const current = (flushing.get(ctx) ?? Promise.resolve()).then(() => writeViews(ctx));
  flushing.set(ctx, current);
  return current;
}

async function writeViews(ctx: Ctx): Promise<void> {
  const counts = pending.get(ctx);
  if (!counts || counts.size === 0) return;
  const entries = [...counts];
  counts.clear();
  try {
    // A few hundred updates per transaction: one commit (one WAL flush on PostgreSQL) each instead
    // of one per topic, while the rows stay locked only briefly. Not `transact`: a view count is
    // no reason to retire every cached page.
    for (let i = 0; i < entries.length; i += FLUSH_BATCH) {
      await ctx.db.transaction().execute(async (trx) => {
        for (const [id, n] of entries.slice(i, i + FLUSH_BATCH)) {
          await trx.updateTable("topics").set((eb) => ({ view_count: eb("view_count", "+", n) })).where("id", "=", id).execute();
        }
      });
    }
  } catch (e) {
    ctx.log.warn({ err: e }, "could not record topic views");
  }
}
