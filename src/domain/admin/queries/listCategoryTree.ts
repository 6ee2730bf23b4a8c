import type { CategoryPermission } from "../../community/types.js";
import type { Ctx } from "../../ctx.js";

export interface AdminCategoryNode {
  id: number;
  parentId: number | null;
  slug: string;
  name: string;
  description: string;
  color: string;
  position: number;
  contentType: string;
  topicCount: number;
  postCount: number;
  permissions: CategoryPermission[];
  children: AdminCategoryNode[];
}

/**
 * Every category as a tree in display order, with counts and permission rows, whatever the
 * permissions say (admins see all). Admins only (the caller checks).
 */
export async function listCategoryTree(ctx: Ctx): Promise<AdminCategoryNode[]> {
  const [index, stats] = await Promise.all([
    ctx.cache.categories(),
    ctx.db.selectFrom("categories").select(["id", "topic_count", "post_count"]).execute(),
  ]);
  const byId = new Map(stats.map((s) => [s.id, s]));
  const node = (id: number): AdminCategoryNode => {
    const c = index.byId.get(id)!;
    return {
      id: c.id,
      parentId: c.parentId,
      slug: c.slug,
      name: c.name,
      description: c.description,
      color: c.color,
      position: c.position,
      contentType: c.contentType,
      topicCount: byId.get(c.id)?.topic_count ?? 0,
      postCount: byId.get(c.id)?.post_count ?? 0,
      permissions: c.permissions,
      children: index.children(c.id).map((k) => node(k.id)),
    };
  };
  return index.roots().map((c) => node(c.id));
}

/** How many topics (deleted ones included) still belong to a category: what deleting it must move. */
export async function countCategoryTopics(ctx: Ctx, categoryId: number): Promise<number> {
  const row = await ctx.db.selectFrom("topics").select((eb) => eb.fn.countAll<number>().as("n")).where("category_id", "=", categoryId).executeTakeFirstOrThrow();
  return Number(row.n);
}
