import type { Actor } from "../../actor.js";
import { readableIds } from "../../community/access.js";
import { creatableCategory } from "../../content/queries/creatableCategory.js";
import { type TopicList, listTopics } from "../../content/queries/listTopics.js";
import type { Ctx } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { type Product, type RatingStats, byRating, findProduct, listProductRows, liveReviewsBy, ratingStats, reviewsOfProduct } from "../repo.js";

/** How a product page orders its reviews. */
export const REVIEW_SORTS = ["new", "highest", "lowest"] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

export interface ProductSummary {
  product: Product;
  stats: RatingStats;
  /** The reader's own live review of it, if any. */
  mine: { topicId: number; slug: string } | null;
}

/** Where the reader would write a review: the first review category they may start topics in. */
const reviewCategoryFor = (ctx: Ctx, actor: Actor) => creatableCategory(ctx, actor, "review");

/** Every product that is not archived (or reviewed by someone), with its figures for this reader. */
export async function listProducts(ctx: Ctx, actor: Actor): Promise<{ products: ProductSummary[]; reviewCategoryId: number | null }> {
  const products = await listProductRows(ctx.db, { includeArchived: true });
  const [stats, mine, reviewCategoryId] = await Promise.all([
    ratingStats(ctx.db, products.map((p) => p.id), await readableIds(ctx, actor)),
    actor.kind === "user" ? liveReviewsBy(ctx.db, actor.id, products.map((p) => p.id)) : new Map<number, { topicId: number; slug: string }>(),
    reviewCategoryFor(ctx, actor),
  ]);
  const list = products
    .map((product) => ({ product, stats: stats.get(product.id)!, mine: mine.get(product.id) ?? null }))
    // An archived product stays listed while it has reviews to read.
    .filter((p) => !p.product.archived || p.stats.count > 0);
  return { products: list, reviewCategoryId };
}

export interface ProductPageQuery {
  sort: ReviewSort;
  /** Only reviews with this many stars. */
  rating?: number;
  page?: number;
  perPage?: number;
}

export interface ProductPage extends ProductSummary {
  reviews: TopicList;
  sort: ReviewSort;
  rating: number | null;
  /** The category a new review goes to, when the reader may write one (null: may not, or already did). */
  reviewCategoryId: number | null;
}

/** One product: its average and distribution for this reader, and a page of its reviews they may see. Fails: not_found. */
export async function getProductPage(ctx: Ctx, actor: Actor, slug: string, q: ProductPageQuery): Promise<Result<ProductPage>> {
  const product = await findProduct(ctx.db, { slug });
  if (!product) return err("not_found", "reviews:errors.productNotFound");
  const orderBy = q.sort === "highest" ? [byRating("desc")] : q.sort === "lowest" ? [byRating("asc")] : undefined;
  const [stats, mine, reviews, categoryId] = await Promise.all([
    readableIds(ctx, actor).then((ids) => ratingStats(ctx.db, [product.id], ids)),
    actor.kind === "user" ? liveReviewsBy(ctx.db, actor.id, [product.id]) : new Map<number, { topicId: number; slug: string }>(),
    listTopics(ctx, actor, { sort: "new", type: "review", where: reviewsOfProduct(product.id, q.rating), orderBy, page: q.page, perPage: q.perPage ?? 20 }),
    product.archived ? null : reviewCategoryFor(ctx, actor),
  ]);
  const own = mine.get(product.id) ?? null;
  return ok({ product, stats: stats.get(product.id)!, mine: own, reviews, sort: q.sort, rating: q.rating ?? null, reviewCategoryId: own ? null : categoryId });
}
