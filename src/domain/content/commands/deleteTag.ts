import { z } from "zod";
import type { Actor } from "../../actor.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";

export const DeleteTagInput = z.object({ id: z.coerce.number().int().positive() });

/**
 * Deletes a tag and removes it from every topic (admins only); the topics stay.
 * Fails: unauthenticated, forbidden, invalid, not_found.
 */
export async function deleteTag(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ removedFrom: number }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(DeleteTagInput, input);
  if (!parsed.ok) return parsed;
  const { id } = parsed.value;
  const now = ctx.clock();
  const outcome = await transact(ctx, async (trx) => {
    const tag = await trx.selectFrom("tags").select(["id", "name"]).where("id", "=", id).executeTakeFirst();
    if (!tag) return null;
    const removed = await trx.deleteFrom("topic_tags").where("tag_id", "=", id).executeTakeFirst();
    await trx.deleteFrom("tags").where("id", "=", id).execute();
    const removedFrom = Number(removed.numDeletedRows);
    await audit(trx, actor, "tag.delete", "tag", id, { name: tag.name, removedFrom }, now);
    return { removedFrom };
  });
  if (!outcome) return err("not_found", "admin:tags.notFound");
  return ok(outcome);
}
