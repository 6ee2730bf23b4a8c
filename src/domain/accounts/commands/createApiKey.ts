import { z } from "zod";
import { type Actor, isAdmin } from "../../actor.js";
import type { Ctx } from "../../ctx.js";
import { audit } from "../../community/audit.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { findUserById } from "../repo.js";
import { hashToken, newToken } from "../tokens.js";

export const CreateApiKeyInput = z.object({
  userId: z.coerce.number().int().positive(),
  description: z.string().trim().max(200).default(""),
});

/**
 * Creates an API key that acts as `userId` (admins only). The key is returned once and only its
 * hash is stored. Fails: invalid, forbidden, not_found.
 */
export async function createApiKey(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ id: number; key: string }>> {
  const parsed = parseInput(CreateApiKeyInput, input);
  if (!parsed.ok) return parsed;
  if (!isAdmin(actor)) return err("forbidden");
  const user = await findUserById(ctx.db, parsed.value.userId);
  if (!user) return err("not_found", undefined, { fields: { userId: { key: "validation.unknownUser" } } });
  const key = `hb_${newToken()}`;
  const now = ctx.clock();
  const row = await ctx.db
    .insertInto("api_keys")
    .values({
      user_id: user.id,
      token_hash: hashToken(key),
      prefix: key.slice(0, 10),
      description: parsed.value.description,
      created_by: actor.kind === "user" ? actor.id : null,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await audit(ctx.db, actor, "apikey.create", "user", user.id, { keyId: row.id, prefix: key.slice(0, 10) }, now);
  return ok({ id: row.id, key });
}
