import { z } from "zod";
import { toDateOrNull } from "../../../db/codec.js";
import type { Actor } from "../../actor.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";

export const UnsuspendUserInput = z.object({ id: z.coerce.number().int().positive() });

/**
 * Lifts a suspension now (admins only). Fails: unauthenticated, forbidden, invalid, not_found,
 * conflict (not suspended).
 */
export async function unsuspendUser(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<null>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(UnsuspendUserInput, input);
  if (!parsed.ok) return parsed;
  const { id } = parsed.value;
  const now = ctx.clock();
  const outcome = await transact(ctx, async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "username", "suspended_until"]).where("id", "=", id).executeTakeFirst();
    if (!user) return "not_found" as const;
    const until = toDateOrNull(user.suspended_until);
    if (!until || until <= now) return "not_suspended" as const;
    await trx.updateTable("users").set({ suspended_until: null, updated_at: now }).where("id", "=", id).execute();
    await audit(trx, actor, "user.unsuspend", "user", id, { username: user.username, until: until.toISOString() }, now);
    return "done" as const;
  });
  if (outcome === "not_found") return err("not_found", "admin:users.notFound");
  if (outcome === "not_suspended") return err("conflict", "admin:users.notSuspended");
  return ok(null);
}
