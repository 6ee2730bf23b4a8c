import { z } from "zod";
import { isModerator } from "../actor.js";
import { registerTopicType } from "../content/contentTypes.js";
import { Id } from "../content/schemas.js";
import { type Failure, err } from "../../lib/result.js";
import { canRate, canRemoveReview, canReplyToReview } from "./policy.js";
import { type Product, type RatingStats, findProduct, findReview, insertReview, listProductRows, liveReviewOf, ratingStats, reviewSummaries } from "./repo.js";
import { readableIds } from "../community/access.js";

/** A review's own fields when it is written: the product and the stars. */
export const ReviewFields = z.object({
  productId: z.preprocess((v) => (v === "" ? undefined : v), Id),
  rating: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number({ error: "validation.rating" }).int({ error: "validation.rating" }).min(1, { error: "validation.rating" }).max(5, { error: "validation.rating" })),
});
export type ReviewFieldValues = z.output<typeof ReviewFields>;

declare module "../content/contentTypes.js" {
  interface TopicTypeDataMap {
    review: {
      product: Product;
      rating: number;
      ratedAt: Date;
      /** The product's figures for this reader (for the box and AggregateRating data). */
      stats: RatingStats;
      /** Whether this reader wrote the review and may change the stars. */
      canRate: boolean;
      /** Moderators: remove it for breaking the rules, with a reason. */
      canRemove: boolean;
      /** Shown to moderators on a removed review: why and when. */
      removal: { reason: string; at: Date } | null;
    };
  }
  interface TopicTypeSummaryMap {
    review: { rating: number; product: { id: number; slug: string; name: string } | null };
  }
}

const alreadyReviewed = (product: { name: string } | null): Failure =>
  err("conflict", "reviews:errors.alreadyReviewed", { params: { product: product?.name ?? "" }, fields: { "review.productId": { key: "validation.alreadyReviewed" } } });

/** Reviews: a product and 1–5 stars with the text; one live review per member and product. */
registerTopicType<ReviewFieldValues>({
  type: "review",
  fields: ReviewFields,
  async formChoices(ctx) {
    const products = await listProductRows(ctx.db, { includeArchived: false });
    return { productId: products.map((p) => ({ value: String(p.id), label: p.name })) };
  },
  async validate(ctx, actor, fields) {
    const product = await findProduct(ctx.db, { id: fields.productId });
    if (!product || product.archived) return err("invalid", "reviews:errors.productUnavailable", { fields: { "review.productId": { key: "validation.productUnavailable" } } });
    const existing = await liveReviewOf(ctx.db, actor.id, product.id);
    if (existing) return alreadyReviewed(product);
    return null;
  },
  async onCreate(trx, ctx, actor, created, fields) {
    // The author's row is locked by now, so a second request of theirs waits here and sees the first.
    const existing = await liveReviewOf(trx, actor.id, fields.productId);
    if (existing && existing.topicId !== created.topicId) return alreadyReviewed(await findProduct(trx, { id: fields.productId }));
    await insertReview(trx, { topicId: created.topicId, productId: fields.productId, userId: actor.id, rating: fields.rating }, ctx.clock());
  },
  mayReply(actor, topic) {
    return canReplyToReview(actor, topic);
  },
  async loadTopic(ctx, actor, { topic }) {
    const review = await findReview(ctx.db, topic.id);
    const product = review ? await findProduct(ctx.db, { id: review.productId }) : null;
    if (!review || !product) return null;
    const stats = (await ratingStats(ctx.db, [product.id], await readableIds(ctx, actor))).get(product.id)!;
    return {
      type: "review",
      product,
      rating: review.rating,
      ratedAt: review.ratedAt,
      stats,
      canRate: canRate(actor, { userId: review.userId, deleted: topic.deleted, locked: topic.locked }),
      canRemove: canRemoveReview(actor, topic),
      removal: review.removal && topic.deleted && isModerator(actor) ? { reason: review.removal.reason, at: review.removal.at } : null,
    };
  },
  async loadSummaries(ctx, _actor, topicIds) {
    const rows = await reviewSummaries(ctx.db, topicIds);
    return new Map(topicIds.flatMap((id) => {
      const r = rows.get(id);
      return r ? [[id, { type: "review" as const, rating: r.rating, product: r.product }]] : [];
    }));
  },
});
