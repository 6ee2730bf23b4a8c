import { z } from "zod";
import { CONTENT_TYPES, categoryType } from "../../content/contentTypes.js";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, fieldErr, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../audit.js";
import { CategoryColor, CategorySlug } from "./createCategory.js";

/** "" and null mean "no parent"; numbers may arrive as form strings. */
const ParentId = z.preprocess(
  (v) => (v === "" || v === null ? null : typeof v === "string" ? Number(v) : v),
  z.number().int().positive().nullable().optional(),
);

export const UpdateCategoryInput = z.object({
  id: z.coerce.number().int().positive(),
  name: z.string().trim().min(1).max(80).optional(),
  slug: CategorySlug.optional(),
  description: z.string().trim().max(1000).optional(),
  color: CategoryColor.optional(),
  parentId: ParentId,
  position: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(100000).optional()),
  contentType: z.preprocess((v) => (v === "" ? undefined : v), z.enum(CONTENT_TYPES).optional()),
});

type Fields = "name" | "slug" | "description" | "color" | "parentId" | "position" | "contentType";

/**
 * Edits a category (admins only); fields left out stay as they are. A category may move under a
 * top-level parent only while it has no sub-categories of its own (one level of nesting). Its
 * content type changes only while it holds no topics (topics keep the type they were made with).
 * Fails: unauthenticated, forbidden, invalid, not_found, conflict (slug taken).
 */
export async function updateCategory(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ id: number; slug: string }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(UpdateCategoryInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const index = await ctx.cache.categories();
  const current = index.byId.get(v.id);
  if (!current) return err("not_found", "errors:categoryNotFound");
  if (v.parentId !== undefined && v.parentId !== null && v.parentId !== current.parentId) {
    const parent = index.byId.get(v.parentId);
    if (!parent) return fieldErr("parentId", "validation.unknownCategory");
    if (parent.id === current.id) return fieldErr("parentId", "admin:validation.parentSelf");
    if (parent.parentId !== null) return fieldErr("parentId", "validation.parentNotTopLevel");
    if (index.children(current.id).length > 0) return fieldErr("parentId", "admin:validation.hasChildren");
  }
  if (v.slug !== undefined && v.slug !== current.slug) {
    const taken = await ctx.db.selectFrom("categories").select("id").where("slug", "=", v.slug).where("id", "!=", v.id).executeTakeFirst();
    if (taken) return err("conflict", undefined, { fields: { slug: { key: "validation.slugTaken" } } });
  }
  if (v.contentType !== undefined && v.contentType !== categoryType(current.contentType)) {
    const used = await ctx.db.selectFrom("topics").select("id").where("category_id", "=", current.id).limit(1).executeTakeFirst();
    if (used) return err("conflict", undefined, { fields: { contentType: { key: "admin:validation.contentTypeInUse" } } });
  }
  const next = { ...current, ...definedOnly(v) };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ["name", "slug", "description", "color", "parentId", "position", "contentType"] as Fields[]) {
    if (next[key] !== current[key]) changes[key] = { from: current[key], to: next[key] };
  }
  if (Object.keys(changes).length === 0) return ok({ id: current.id, slug: current.slug });
  const now = ctx.clock();
  await transact(ctx, async (trx) => {
    await trx
      .updateTable("categories")
      .set({
        name: next.name,
        slug: next.slug,
        description: next.description,
        color: next.color,
        parent_id: next.parentId,
        position: next.position,
        content_type: next.contentType,
        updated_at: now,
      })
      .where("id", "=", current.id)
      .execute();
    await audit(trx, actor, "category.update", "category", current.id, { name: next.name, changes }, now);
  });
  ctx.cache.invalidate("categories");
  return ok({ id: current.id, slug: next.slug });
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as Partial<T>;
}
