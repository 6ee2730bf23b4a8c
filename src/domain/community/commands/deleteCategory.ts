import { sql } from "kysely";
import { z } from "zod";
import { toDateOrNull } from "../../../db/codec.js";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, fieldErr, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../audit.js";

export const DeleteCategoryInput = z.object({
  id: z.coerce.number().int().positive(),
  /** Where the category's topics go first; without it only an empty category can be deleted. */
  moveTopicsTo: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().positive().optional()),
});

/**
 * Deletes a category (admins only). A category with sub-categories is never deleted; one with
 * topics (deleted ones included, they still belong to it) only when `moveTopicsTo` names another
 * category, which then receives the topics and their counts. Permissions go with the category.
 * Emits `category.deleted`. Fails: unauthenticated, forbidden, invalid, not_found,
 * conflict (has sub-categories, or has topics and no destination).
 */
export async function deleteCategory(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ movedTopics: number }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(DeleteCategoryInput, input);
  if (!parsed.ok) return parsed;
  const { id, moveTopicsTo } = parsed.value;
  const index = await ctx.cache.categories();
  const category = index.byId.get(id);
  if (!category) return err("not_found", "errors:categoryNotFound");
  if (index.children(id).length > 0) return err("conflict", "admin:categories.deleteHasChildren");
  if (moveTopicsTo !== undefined) {
    if (moveTopicsTo === id) return fieldErr("moveTopicsTo", "admin:validation.moveToSelf");
    if (!index.byId.has(moveTopicsTo)) return fieldErr("moveTopicsTo", "validation.unknownCategory");
  }
  const now = ctx.clock();
  const outcome = await transact(ctx, async (trx) => {
    const row = await trx
      .selectFrom("categories")
      .select(["topic_count", "post_count", "last_posted_at"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) return { kind: "gone" as const, count: 0 };
    const topics = await trx.selectFrom("topics").select(sql<number>`count(*)`.as("n")).where("category_id", "=", id).executeTakeFirstOrThrow();
    const count = Number(topics.n);
    if (count > 0 && moveTopicsTo === undefined) return { kind: "not_empty" as const, count };
    if (count > 0 && moveTopicsTo !== undefined) {
      await trx.updateTable("topics").set({ category_id: moveTopicsTo }).where("category_id", "=", id).execute();
      const target = await trx.selectFrom("categories").select("last_posted_at").where("id", "=", moveTopicsTo).executeTakeFirstOrThrow();
      const a = toDateOrNull(target.last_posted_at);
      const b = toDateOrNull(row.last_posted_at);
      await trx
        .updateTable("categories")
        .set((eb) => ({
          topic_count: eb("topic_count", "+", row.topic_count),
          post_count: eb("post_count", "+", row.post_count),
          last_posted_at: a && b ? (a > b ? a : b) : (a ?? b),
          updated_at: now,
        }))
        .where("id", "=", moveTopicsTo)
        .execute();
    }
    await trx.deleteFrom("category_permissions").where("category_id", "=", id).execute();
    await trx.deleteFrom("categories").where("id", "=", id).execute();
    const movedTo = count > 0 ? (moveTopicsTo ?? null) : null;
    await audit(trx, actor, "category.delete", "category", id, { name: category.name, slug: category.slug, movedTopics: count, movedTo, movedToName: movedTo ? index.byId.get(movedTo)?.name : undefined }, now);
    await ctx.jobs.emit(trx, "category.deleted", { categoryId: id, movedToCategoryId: movedTo, movedTopics: count });
    return { kind: "deleted" as const, count };
  });
  if (outcome.kind === "gone") return err("not_found", "errors:categoryNotFound");
  if (outcome.kind === "not_empty") {
    return err("conflict", "admin:categories.deleteNotEmpty", { params: { count: outcome.count }, fields: { moveTopicsTo: { key: "admin:validation.chooseDestination" } } });
  }
  ctx.cache.invalidate("categories");
  return ok({ movedTopics: outcome.count });
}
