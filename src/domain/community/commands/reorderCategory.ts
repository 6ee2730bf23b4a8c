import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../audit.js";

export const ReorderCategoryInput = z.object({
  id: z.coerce.number().int().positive(),
  direction: z.enum(["up", "down"]),
});

/**
 * Moves a category one place up or down among its siblings (admins only). The siblings are
 * renumbered 0, 1, 2 … so equal or sparse positions never make a move a no-op. Moving the first
 * up or the last down changes nothing. Fails: unauthenticated, forbidden, invalid, not_found.
 */
export async function reorderCategory(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ moved: boolean }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(ReorderCategoryInput, input);
  if (!parsed.ok) return parsed;
  const { id, direction } = parsed.value;
  const now = ctx.clock();
  const outcome = await transact(ctx, async (trx) => {
    const me = await trx.selectFrom("categories").select(["id", "parent_id", "name"]).where("id", "=", id).executeTakeFirst();
    if (!me) return null;
    let q = trx.selectFrom("categories").select(["id", "position"]);
    q = me.parent_id === null ? q.where("parent_id", "is", null) : q.where("parent_id", "=", me.parent_id);
    const siblings = await q.orderBy("position").orderBy("id").execute();
    const from = siblings.findIndex((s) => s.id === id);
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= siblings.length) return false;
    const order = siblings.map((s) => s.id);
    [order[from], order[to]] = [order[to], order[from]];
    for (let i = 0; i < order.length; i++) {
      if (siblings.find((s) => s.id === order[i])!.position !== i) {
        await trx.updateTable("categories").set({ position: i, updated_at: now }).where("id", "=", order[i]).execute();
      }
    }
    await audit(trx, actor, "category.reorder", "category", id, { name: me.name, direction }, now);
    return true;
  });
  if (outcome === null) return err("not_found", "errors:categoryNotFound");
  if (outcome) ctx.cache.invalidate("categories");
  return ok({ moved: outcome });
}
