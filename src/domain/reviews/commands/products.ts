import { z } from "zod";
import type { Actor } from "../../actor.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../../community/audit.js";
import { CategorySlug, slugFromName } from "../../community/commands/createCategory.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { findProduct } from "../repo.js";
import { WebUrl } from "../../content/schemas.js";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const ProductInput = z.object({
  name: z.string().trim().min(1).max(120),
  slug: z.preprocess(blankToUndefined, CategorySlug.optional()),
  description: z.string().trim().max(2000).default(""),
  url: WebUrl.default(""),
  position: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(100000).optional()),
  /** Archived products keep their reviews but take no new ones. Forms send "on" / nothing. */
  archived: z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean()).default(false),
});
export const UpdateProductInput = ProductInput.extend({ id: z.coerce.number().int().positive() });

const slugTaken = () => err("conflict", "reviews:errors.slugTaken", { fields: { slug: { key: "validation.productSlugTaken" } } });

/**
 * Defines a product members can review (admins). The slug comes from the name unless given.
 * Audited as `product.create`. Fails: unauthenticated, forbidden, invalid, conflict (slug taken).
 */
export async function createProduct(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ id: number; slug: string }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(ProductInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const slug = v.slug ?? slugFromName(v.name);
  if (await findProduct(ctx.db, { slug })) return slugTaken();
  const now = ctx.clock();
  const id = await transact(ctx, async (trx) => {
    const position = v.position ?? Number((await trx.selectFrom("products").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const row = await trx
      .insertInto("products")
      .values({ slug, name: v.name, description: v.description, url: v.url, position, archived_at: v.archived ? now : null, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, actor, "product.create", "product", row.id, { name: v.name, slug }, now);
    return row.id;
  });
  return ok({ id, slug });
}

/**
 * Changes a product (admins): name, slug, description, link, order, archived. Its reviews stay
 * with it. Audited as `product.update`. Fails: unauthenticated, forbidden, invalid, not_found,
 * conflict (slug taken).
 */
export async function updateProduct(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ id: number; slug: string }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(UpdateProductInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const product = await findProduct(ctx.db, { id: v.id });
  if (!product) return err("not_found", "reviews:errors.productNotFound");
  const slug = v.slug ?? product.slug;
  if (slug !== product.slug && (await findProduct(ctx.db, { slug }))) return slugTaken();
  const now = ctx.clock();
  await transact(ctx, async (trx) => {
    await trx
      .updateTable("products")
      .set({
        slug,
        name: v.name,
        description: v.description,
        url: v.url,
        position: v.position ?? product.position,
        archived_at: v.archived ? (product.archived ? undefined : now) : null,
        updated_at: now,
      })
      .where("id", "=", v.id)
      .execute();
    await audit(trx, actor, "product.update", "product", v.id, { name: v.name, slug, archived: v.archived }, now);
  });
  return ok({ id: v.id, slug });
}
