import type { Ctx } from "../ctx.js";

const FLUSH_MS = 10_000;
const pending = new WeakMap<Ctx, Map<number, number>>();

/**
 * Counts a topic view without writing on the page-view path: views gather in memory and are
 * added to `topics.view_count` every few seconds, one UPDATE per topic.
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

/** Writes gathered views now (also called on shutdown). */
export async function flushTopicViews(ctx: Ctx): Promise<void> {
  const counts = pending.get(ctx);
  if (!counts || counts.size === 0) return;
  const entries = [...counts];
  counts.clear();
  try {
    for (const [id, n] of entries) {
      await ctx.db.updateTable("topics").set((eb) => ({ view_count: eb("view_count", "+", n) })).where("id", "=", id).execute();
    }
  } catch (e) {
    ctx.log.warn({ err: e }, "could not record topic views");
  }
}
