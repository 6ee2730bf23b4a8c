import type { Actor } from "../actor.js";
import type { Ctx } from "../ctx.js";
import { categoryAccess, readableCategoryIds } from "./policy.js";
import type { AccessLevel, Category } from "./types.js";

/** The category and the actor's access level to it; null when no such category exists. */
export async function accessTo(ctx: Ctx, actor: Actor, categoryId: number): Promise<{ category: Category; access: AccessLevel } | null> {
  const [index, groups] = await Promise.all([ctx.cache.categories(), ctx.cache.groups()]);
  const category = index.byId.get(categoryId);
  if (!category) return null;
  return { category, access: categoryAccess(actor, category, index, groups.builtin.everyone) };
}

/** Ids of the categories the actor may read, for `where category_id in (…)`. */
export async function readableIds(ctx: Ctx, actor: Actor): Promise<number[]> {
  const [index, groups] = await Promise.all([ctx.cache.categories(), ctx.cache.groups()]);
  return readableCategoryIds(actor, index, groups.builtin.everyone);
}
