import { sql } from "kysely";
import { toDate } from "../../db/codec.js";
import type { TopicFilter, TopicWhere } from "../content/repo.js";
import type { Tx } from "../ctx.js";

export interface Product {
  id: number;
  slug: string;
  name: string;
  description: string;
  /** The product's own page on the company's site (may be empty). */
  url: string;
  position: number;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Average, count and how many reviews gave each star (index 0: one star). */
export interface RatingStats {
  count: number;
  average: number | null;
  distribution: [number, number, number, number, number];
}

export interface ReviewRecord {
  topicId: number;
  productId: number;
  userId: number;
  rating: number;
  ratedAt: Date;
  removal: { reason: string; by: number | null; at: Date } | null;
}

type ProductRow = { id: number; slug: string; name: string; description: string; url: string; position: number; archived_at: Date | string | null; created_at: Date | string; updated_at: Date | string };

const toProduct = (r: ProductRow): Product => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  url: r.url,
  position: r.position,
  archived: r.archived_at !== null,
  createdAt: toDate(r.created_at),
  updatedAt: toDate(r.updated_at),
});

/** Every product, in the admins' order (archived ones too, unless asked not to). */
export async function listProductRows(db: Tx, opts: { includeArchived: boolean }): Promise<Product[]> {
  const rows = await db
    .selectFrom("products")
    .selectAll()
    .$if(!opts.includeArchived, (q) => q.where("archived_at", "is", null))
    .orderBy("position")
    .orderBy("name")
    .execute();
  return rows.map(toProduct);
}

export async function findProduct(db: Tx, by: { id: number } | { slug: string }): Promise<Product | null> {
  const q = db.selectFrom("products").selectAll();
  const r = await ("id" in by ? q.where("id", "=", by.id) : q.where("slug", "=", by.slug)).executeTakeFirst();
  return r ? toProduct(r) : null;
}

export async function findReview(db: Tx, topicId: number): Promise<ReviewRecord | null> {
  const r = await db.selectFrom("reviews").selectAll().where("topic_id", "=", topicId).executeTakeFirst();
  if (!r) return null;
  return {
    topicId: r.topic_id,
    productId: r.product_id,
    userId: r.user_id,
    rating: r.rating,
    ratedAt: toDate(r.rated_at),
    removal: r.removed_at ? { reason: r.removal_reason ?? "", by: r.removed_by, at: toDate(r.removed_at) } : null,
  };
}

/** The member's live review of a product (a deleted or removed one does not count), as a topic id. */
export async function liveReviewOf(db: Tx, userId: number, productId: number): Promise<{ topicId: number; slug: string } | null> {
  const r = await db
    .selectFrom("reviews as r")
    .innerJoin("topics as t", "t.id", "r.topic_id")
    .select(["t.id", "t.slug"])
    .where("r.user_id", "=", userId)
    .where("r.product_id", "=", productId)
    .where("t.deleted_at", "is", null)
    .orderBy("t.id")
    .executeTakeFirst();
  return r ? { topicId: r.id, slug: r.slug } : null;
}

/** The member's live reviews, by product id (for "you reviewed this" on product pages). */
export async function liveReviewsBy(db: Tx, userId: number, productIds: number[]): Promise<Map<number, { topicId: number; slug: string }>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("reviews as r")
    .innerJoin("topics as t", "t.id", "r.topic_id")
    .select(["r.product_id", "t.id", "t.slug"])
    .where("r.user_id", "=", userId)
    .where("r.product_id", "in", productIds)
    .where("t.deleted_at", "is", null)
    .execute();
  return new Map(rows.map((r) => [r.product_id, { topicId: r.id, slug: r.slug }]));
}

export async function insertReview(db: Tx, r: { topicId: number; productId: number; userId: number; rating: number }, now: Date): Promise<void> {
  await db.insertInto("reviews").values({ topic_id: r.topicId, product_id: r.productId, user_id: r.userId, rating: r.rating, rated_at: now }).execute();
}

export async function saveRating(db: Tx, topicId: number, rating: number, now: Date): Promise<void> {
  await db.updateTable("reviews").set({ rating, rated_at: now }).where("topic_id", "=", topicId).execute();
}

export async function saveRemoval(db: Tx, topicId: number, removal: { reason: string; by: number }, now: Date): Promise<void> {
  await db.updateTable("reviews").set({ removal_reason: removal.reason, removed_by: removal.by, removed_at: now }).where("topic_id", "=", topicId).execute();
}

export async function clearRemoval(db: Tx, topicId: number): Promise<void> {
  await db.updateTable("reviews").set({ removal_reason: null, removed_by: null, removed_at: null }).where("topic_id", "=", topicId).execute();
}

const emptyStats = (): RatingStats => ({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] });

/**
 * Rating statistics per product, counting only live reviews in the categories this reader may
 * read, so a private category's reviews never show through an average. One grouped query.
 */
export async function ratingStats(db: Tx, productIds: number[], readableCategoryIds: number[]): Promise<Map<number, RatingStats>> {
  const out = new Map<number, RatingStats>(productIds.map((id) => [id, emptyStats()]));
  if (productIds.length === 0 || readableCategoryIds.length === 0) return out;
  const rows = await db
    .selectFrom("reviews as r")
    .innerJoin("topics as t", "t.id", "r.topic_id")
    .select((eb) => ["r.product_id", "r.rating", eb.fn.countAll<number>().as("n")])
    .where("r.product_id", "in", productIds)
    .where("t.deleted_at", "is", null)
    .where("t.category_id", "in", readableCategoryIds)
    .groupBy(["r.product_id", "r.rating"])
    .execute();
  for (const r of rows) {
    const s = out.get(r.product_id);
    if (!s || r.rating < 1 || r.rating > 5) continue;
    s.distribution[r.rating - 1] += Number(r.n);
  }
  for (const s of out.values()) {
    s.count = s.distribution.reduce((a, b) => a + b, 0);
    s.average = s.count ? s.distribution.reduce((sum, n, i) => sum + n * (i + 1), 0) / s.count : null;
  }
  return out;
}

export interface ReviewSummaryRow {
  rating: number;
  product: { id: number; slug: string; name: string } | null;
}

/** Rating and product for the reviews among these topics (one query). */
export async function reviewSummaries(db: Tx, topicIds: number[]): Promise<Map<number, ReviewSummaryRow>> {
  if (topicIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("reviews as r")
    .innerJoin("products as p", "p.id", "r.product_id")
    .select(["r.topic_id", "r.rating", "p.id", "p.slug", "p.name"])
    .where("r.topic_id", "in", topicIds)
    .execute();
  return new Map(rows.map((r) => [r.topic_id, { rating: r.rating, product: { id: r.id, slug: r.slug, name: r.name } }]));
}

/** The list condition (on topics aliased `t`) for reviews of a product, optionally with one rating. */
export function reviewsOfProduct(productId: number, rating?: number): TopicWhere {
  return (eb) => {
    let q = eb.selectFrom("reviews as r").select(sql`1`.as("one")).whereRef("r.topic_id", "=", "t.id").where("r.product_id", "=", productId);
    if (rating !== undefined) q = q.where("r.rating", "=", rating);
    return eb.exists(q);
  };
}

const ratingExpr = sql`(select r.rating from reviews r where r.topic_id = t.id)`;
/** Highest or lowest rating first (ties: newest first, added by the caller's sort). */
export const byRating = (dir: "asc" | "desc"): NonNullable<TopicFilter["orderBy"]>[number] => ({ expr: ratingExpr, dir });
