import { z } from "zod";
import type { Actor } from "../../actor.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";

export const RevokeApiKeyInput = z.object({ id: z.coerce.number().int().positive() });

/**
 * Revokes an API key (admins only): from now on it authenticates nobody. The row stays for the
 * record. Fails: unauthenticated, forbidden, invalid, not_found, conflict (already revoked).
 */
export async function revokeApiKey(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<null>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(RevokeApiKeyInput, input);
  if (!parsed.ok) return parsed;
  const { id } = parsed.value;
  const now = ctx.clock();
  const outcome = await transact(ctx, async (trx) => {
    const key = await trx
      .selectFrom("api_keys as k")
      .innerJoin("users as u", "u.id", "k.user_id")
      .select(["k.id", "k.user_id", "k.prefix", "k.revoked_at", "u.username"])
      .where("k.id", "=", id)
      .executeTakeFirst();
    if (!key) return "not_found" as const;
    if (key.revoked_at !== null) return "already" as const;
    await trx.updateTable("api_keys").set({ revoked_at: now }).where("id", "=", id).execute();
    await audit(trx, actor, "apikey.revoke", "user", key.user_id, { keyId: id, prefix: key.prefix, username: key.username }, now);
    return "done" as const;
  });
  if (outcome === "not_found") return err("not_found", "admin:apiKeys.notFound");
  if (outcome === "already") return err("conflict", "admin:apiKeys.alreadyRevoked");
  return ok(null);
}
