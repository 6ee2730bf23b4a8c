import type { Actor } from "../../actor.js";
import { categoryAccess } from "../../community/policy.js";
import type { Ctx } from "../../ctx.js";
import { type ContentType, categoryType } from "../contentTypes.js";
import { canCreateTopic } from "../policy.js";

/** The first category of a content type the reader may start topics in (where "write a review" or "create an event" leads), or null. */
export async function creatableCategory(ctx: Ctx, actor: Actor, type: ContentType): Promise<number | null> {
  const [index, groups] = await Promise.all([ctx.cache.categories(), ctx.cache.groups()]);
  const c = index.list.find((x) => categoryType(x.contentType) === type && canCreateTopic(actor, categoryAccess(actor, x, index, groups.builtin.everyone)));
  return c?.id ?? null;
}
