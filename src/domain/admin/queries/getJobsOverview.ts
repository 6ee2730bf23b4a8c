import { sql } from "kysely";
import { toDate, toDateOrNull } from "../../../db/codec.js";
import type { Ctx } from "../../ctx.js";

export type JobStatus = "pending" | "queued" | "running" | "done" | "failed";
/** Every state a job row can be in, in the order a job passes through them. */
export const JOB_STATUSES: JobStatus[] = ["pending", "queued", "running", "done", "failed"];

export interface JobRow {
  id: number;
  kind: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAt: Date;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface JobsOverview {
  counts: Record<JobStatus, number>;
  failed: JobRow[];
  recent: JobRow[];
}

const columns = ["id", "kind", "status", "attempts", "max_attempts", "last_error", "run_at", "created_at", "finished_at"] as const;

/**
 * The jobs page: how many jobs are in each state, the failed ones (newest first) and the most
 * recent jobs of any state. Finished jobs are swept after a day, so "done" counts only recent ones.
 * Admins only (the caller checks): errors may mention internals.
 */
export async function getJobsOverview(ctx: Ctx, opts: { failedLimit?: number; recentLimit?: number } = {}): Promise<JobsOverview> {
  const [counts, failed, recent] = await Promise.all([
    ctx.db.selectFrom("jobs").select(["status", sql<number>`count(*)`.as("n")]).groupBy("status").execute(),
    ctx.db.selectFrom("jobs").select(columns).where("status", "=", "failed").orderBy("id", "desc").limit(opts.failedLimit ?? 100).execute(),
    ctx.db.selectFrom("jobs").select(columns).orderBy("id", "desc").limit(opts.recentLimit ?? 50).execute(),
  ]);
  const out = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
  for (const c of counts) if (c.status in out) out[c.status] = Number(c.n);
  const toRow = (r: (typeof failed)[number]): JobRow => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lastError: r.last_error,
    runAt: toDate(r.run_at),
    createdAt: toDate(r.created_at),
    finishedAt: toDateOrNull(r.finished_at),
  });
  return { counts: out, failed: failed.map(toRow), recent: recent.map(toRow) };
}
