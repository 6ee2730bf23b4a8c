import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Ctx } from "../../domain/ctx.js";
import { createProduct, updateProduct } from "../../domain/reviews/commands/products.js";
import { rateReview } from "../../domain/reviews/commands/rateReview.js";
import { removeReview } from "../../domain/reviews/commands/removeReview.js";
import { REVIEW_SORTS, type ProductSummary, getProductPage, listProducts } from "../../domain/reviews/queries/products.js";
import type { Product, RatingStats } from "../../domain/reviews/repo.js";
import { sendApiError } from "../errors.js";
import { ErrorJson, TopicListItemJson, presentTopicListItem } from "./presenters.js";

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson };

const ProductJson = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  url: z.string(),
  position: z.number(),
  archived: z.boolean().describe("archived products keep their reviews and take no new ones"),
});
const StatsJson = z.object({
  count: z.number(),
  average: z.number().nullable(),
  distribution: z.array(z.number()).describe("how many reviews gave 1, 2, 3, 4 and 5 stars"),
});
const ProductSummaryJson = z.object({
  product: ProductJson,
  stats: StatsJson,
  myReview: z.object({ topicId: z.number(), url: z.string() }).nullable().describe("the caller's own live review"),
});
const ProductBody = z.object({
  name: z.string(),
  slug: z.string().optional(),
  description: z.string().optional(),
  url: z.string().optional().describe("the product's page on the company's site (http or https)"),
  position: z.number().int().optional(),
  archived: z.boolean().optional(),
});

const presentProduct = (p: Product) => ({ id: p.id, slug: p.slug, name: p.name, description: p.description, url: p.url, position: p.position, archived: p.archived });
const presentStats = (s: RatingStats) => ({ count: s.count, average: s.average === null ? null : Math.round(s.average * 100) / 100, distribution: [...s.distribution] });
const presentSummary = (s: ProductSummary) => ({
  product: presentProduct(s.product),
  stats: presentStats(s.stats),
  myReview: s.mine ? { topicId: s.mine.topicId, url: `/t/${s.mine.topicId}/${s.mine.slug}` } : null,
});

/**
 * Reviews: products (`/api/v1/products`, admins define them), a product's figures and reviews,
 * the reviewer's rating (`PUT /api/v1/topics/:id/rating`) and moderators' removal with a reason.
 * Reviews are written with `POST /api/v1/topics` and `review: {productId, rating}`.
 */
export function reviewsApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/products",
    { schema: { tags: ["reviews"], summary: "Products with their average rating and review count (reviews the caller may read)", response: { 200: z.object({ products: z.array(ProductSummaryJson) }) } } },
    async (req) => {
      const { products } = await listProducts(ctx, req.actor);
      return { products: products.map(presentSummary) };
    },
  );
  r.get(
    "/api/v1/products/:slug",
    {
      schema: {
        tags: ["reviews"],
        summary: "One product: its figures and a page of its reviews, newest, highest or lowest rated first",
        params: z.object({ slug: z.string() }),
        querystring: z.object({
          sort: z.enum(REVIEW_SORTS).default("new"),
          rating: z.coerce.number().int().min(1).max(5).optional().describe("only reviews with this many stars"),
          page: z.coerce.number().int().min(1).max(1000).default(1),
          perPage: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: ProductSummaryJson.extend({ reviews: z.array(TopicListItemJson), page: z.number(), hasMore: z.boolean() }), ...errors },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const res = await getProductPage(ctx, req.actor, req.params.slug, { sort: q.sort, rating: q.rating, page: q.page, perPage: q.perPage });
      if (!res.ok) return sendApiError(req, reply, res);
      const v = res.value;
      return { ...presentSummary(v), reviews: v.reviews.topics.map(presentTopicListItem), page: v.reviews.page, hasMore: v.reviews.hasMore };
    },
  );
  r.post(
    "/api/v1/products",
    { schema: { tags: ["reviews"], summary: "Define a product (admins)", body: ProductBody, response: { 201: z.object({ id: z.number(), slug: z.string() }), ...errors } } },
    async (req, reply) => {
      const res = await createProduct(ctx, req.actor, req.body);
      if (!res.ok) return sendApiError(req, reply, res);
      return reply.code(201).send(res.value);
    },
  );
  r.put(
    "/api/v1/products/:id",
    { schema: { tags: ["reviews"], summary: "Change a product (admins); fields left out keep their defaults", params: IdParams, body: ProductBody, response: { 200: z.object({ id: z.number(), slug: z.string() }), ...errors } } },
    async (req, reply) => {
      const res = await updateProduct(ctx, req.actor, { ...req.body, id: req.params.id });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
  r.put(
    "/api/v1/topics/:id/rating",
    {
      schema: {
        tags: ["reviews"],
        summary: "Change the stars of your own review (the text is edited like any post)",
        params: IdParams,
        body: z.object({ rating: z.unknown().describe("1 to 5") }),
        response: { 200: z.object({ topicId: z.number(), rating: z.number(), previousRating: z.number() }), ...errors },
      },
    },
    async (req, reply) => {
      const res = await rateReview(ctx, req.actor, { topicId: req.params.id, rating: req.body.rating });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
  r.post(
    "/api/v1/topics/:id/remove-review",
    {
      schema: {
        tags: ["reviews"],
        summary: "Remove a review for breaking the rules (moderators), with the reason; kept with the review and audited",
        params: IdParams,
        body: z.object({ reason: z.unknown().describe("which rule it broke, 5–500 characters") }),
        response: { 200: z.object({ topicId: z.number() }), ...errors },
      },
    },
    async (req, reply) => {
      const res = await removeReview(ctx, req.actor, { topicId: req.params.id, reason: req.body.reason });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
}
