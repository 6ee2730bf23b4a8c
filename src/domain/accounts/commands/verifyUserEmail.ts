import { z } from "zod";
import type { Actor } from "../../actor.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";

export const VerifyUserEmailInput = z.object({ id: z.coerce.number().int().positive() });

/**
 * Marks a user's e-mail address as confirmed by hand (admins only), e.g. when the mail never
 * arrived. Fails: unauthenticated, forbidden, invalid, not_found, conflict (already confirmed).
 */
export async function verifyUserEmail(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<null>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(VerifyUserEmailInput, input);
  if (!parsed.ok) return parsed;
  const { id } = parsed.value;
  const now = ctx.clock();
  const outcome = await transact(ctx, async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "username", "email", "email_verified_at"]).where("id", "=", id).executeTakeFirst();
    if (!user) return "not_found" as const;
    if (user.email_verified_at !== null) return "already" as const;
    await trx.updateTable("users").set({ email_verified_at: now, updated_at: now }).where("id", "=", id).execute();
    await audit(trx, actor, "user.verify_email", "user", id, { username: user.username, email: user.email }, now);
    return "done" as const;
  });
  if (outcome === "not_found") return err("not_found", "admin:users.notFound");
  if (outcome === "already") return err("conflict", "admin:users.alreadyVerified");
  return ok(null);
}
