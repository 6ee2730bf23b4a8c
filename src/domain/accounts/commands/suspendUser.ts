import { z } from "zod";
import type { Actor } from "../../actor.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, fieldErr, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { destroyUserSessions } from "../sessions.js";

/**
 * A date (`2026-12-31`: suspended through that day, UTC) or an ISO date-time (until that instant).
 */
const Until = z
  .string()
  .trim()
  .min(1)
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, { error: "validation.format" })
  .transform((s) => (s.length === 10 ? new Date(Date.parse(`${s}T00:00:00Z`) + 86400_000) : new Date(s)));

export const SuspendUserInput = z.object({
  id: z.coerce.number().int().positive(),
  until: Until,
  reason: z.string().trim().max(500).default(""),
});

/**
 * Suspends a user until a time in the future (admins only): they cannot log in or post, and every
 * session they have ends now. Admins cannot suspend themselves.
 * Fails: unauthenticated, forbidden (oneself), invalid (date not in the future), not_found.
 */
export async function suspendUser(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ until: Date }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(SuspendUserInput, input);
  if (!parsed.ok) return parsed;
  const { id, until, reason } = parsed.value;
  if (actor.kind === "user" && actor.id === id) return err("forbidden", "admin:users.cannotSuspendSelf");
  const now = ctx.clock();
  if (Number.isNaN(until.getTime()) || until.getUTCFullYear() > 9999) return fieldErr("until", "validation.format");
  if (until <= now) return fieldErr("until", "admin:validation.futureDate");
  const username = await transact(ctx, async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "username"]).where("id", "=", id).executeTakeFirst();
    if (!user) return null;
    await trx.updateTable("users").set({ suspended_until: until, updated_at: now }).where("id", "=", id).execute();
    await destroyUserSessions(trx, id);
    await audit(trx, actor, "user.suspend", "user", id, { username: user.username, until: until.toISOString(), reason }, now);
    return user.username;
  });
  if (username === null) return err("not_found", "admin:users.notFound");
  return ok({ until });
}
