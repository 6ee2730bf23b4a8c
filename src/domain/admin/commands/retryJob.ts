import { z } from "zod";
import type { Actor } from "../../actor.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { requireAdmin } from "../policy.js";

export const RetryJobInput = z.object({ id: z.coerce.number().int().positive() });

/**
 * Gives a job that failed for good a fresh start (admins only): pending, due now, no attempts
 * used. The worker is woken after commit (`transact` kicks the queue). The last error stays
 * visible until an attempt succeeds. Fails: unauthenticated, forbidden, invalid, not_found,
 * conflict (the job has not failed).
 */
export async function retryJob(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<null>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(RetryJobInput, input);
  if (!parsed.ok) return parsed;
  const { id } = parsed.value;
  const now = ctx.clock();
  const outcome = await transact(ctx, async (trx) => {
    const job = await trx.selectFrom("jobs").select(["id", "kind", "status", "attempts"]).where("id", "=", id).executeTakeFirst();
    if (!job) return "not_found" as const;
    if (job.status !== "failed") return "not_failed" as const;
    const updated = await trx
      .updateTable("jobs")
      .set({ status: "pending", run_at: now, attempts: 0, locked_until: null, finished_at: null })
      .where("id", "=", id)
      .where("status", "=", "failed")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return "not_failed" as const;
    await audit(trx, actor, "job.retry", "job", id, { kind: job.kind, attempts: job.attempts }, now);
    return "done" as const;
  });
  if (outcome === "not_found") return err("not_found", "admin:jobs.notFound");
  if (outcome === "not_failed") return err("conflict", "admin:jobs.notFailed");
  return ok(null);
}
