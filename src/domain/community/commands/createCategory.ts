import { z } from "zod";
import { CONTENT_TYPES } from "../../content/contentTypes.js";
import { type Actor, isAdmin } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, fieldErr, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { audit } from "../audit.js";
import { grantArticleDefaults } from "../repo.js";

export const CategorySlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}-]*$/u, { error: "validation.slugFormat" });
export const CategoryColor = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, { error: "validation.colorFormat" });
const OptionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().positive().optional());

export const CreateCategoryInput = z.object({
  name: z.string().trim().min(1).max(80),
  slug: z.preprocess((v) => (v === "" ? undefined : v), CategorySlug.optional()),
  description: z.string().trim().max(1000).default(""),
  color: z.preprocess((v) => (v === "" || v === undefined ? "#3b82f6" : v), CategoryColor),
  parentId: OptionalId,
  position: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(100000).optional()),
  contentType: z.preprocess((v) => (v === "" || v === undefined ? "discussion" : v), z.enum(CONTENT_TYPES)),
});

/** A slug from a name; Japanese names keep their characters. */
export function slugFromName(name: string): string {
  return (
    name
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "category"
  );
}

/**
 * Creates a category (admins only). An article (news) category starts with staff starting topics
 * and members commenting (`grantArticleDefaults`). A parent must itself be top-level: one level of sub-categories.
 * Fails: invalid, forbidden, conflict (slug taken).
 */
export async function createCategory(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ id: number; slug: string }>> {
  const parsed = parseInput(CreateCategoryInput, input);
  if (!parsed.ok) return parsed;
  if (!isAdmin(actor)) return err(actor.kind === "anonymous" ? "unauthenticated" : "forbidden");
  const v = parsed.value;
  const slug = v.slug ?? slugFromName(v.name);
  const index = await ctx.cache.categories();
  if (v.parentId !== undefined) {
    const parent = index.byId.get(v.parentId);
    if (!parent) return fieldErr("parentId", "validation.unknownCategory");
    if (parent.parentId !== null) return fieldErr("parentId", "validation.parentNotTopLevel");
  }
  const taken = await ctx.db.selectFrom("categories").select("id").where("slug", "=", slug).executeTakeFirst();
  if (taken) return err("conflict", undefined, { fields: { slug: { key: "validation.slugTaken" } } });
  const now = ctx.clock();
  const position = v.position ?? (index.list.length > 0 ? Math.max(...index.list.map((c) => c.position)) + 1 : 0);
  const id = await transact(ctx, async (trx) => {
    const row = await trx
      .insertInto("categories")
      .values({
        parent_id: v.parentId ?? null,
        slug,
        name: v.name,
        description: v.description,
        color: v.color,
        position,
        content_type: v.contentType,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (v.contentType === "article") await grantArticleDefaults(trx, row.id);
    await audit(trx, actor, "category.create", "category", row.id, { name: v.name, slug }, now);
    return row.id;
  });
  ctx.cache.invalidate("categories");
  return ok({ id, slug });
}
