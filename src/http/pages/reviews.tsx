import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import { findTopic } from "../../domain/content/repo.js";
import { topicUrl } from "../../domain/content/types.js";
import type { Ctx } from "../../domain/ctx.js";
import { rateReview } from "../../domain/reviews/commands/rateReview.js";
import { removeReview } from "../../domain/reviews/commands/removeReview.js";
import { type ProductPage, REVIEW_SORTS, type ReviewSort, getProductPage, listProducts } from "../../domain/reviews/queries/products.js";
import type { Failure } from "../../lib/result.js";
import { ProductListPage, ProductPageView } from "../../render/components/reviews.js";
import { RatingForm, RemoveReviewForm } from "../../render/components/types/review.js";
import { STATUS, failureMessage, translateField } from "../errors.js";
import { redirectLocal, sendPage, setFlash } from "../render.js";
import { sendErrorPage } from "./errorPage.js";
import { toId, pageParam } from "../forms.js";


/** schema.org Product with its AggregateRating and the reviews on this page. */
export function productJsonLd(ctx: Ctx, view: ProductPage): Record<string, unknown> {
  const url = `${ctx.config.baseUrl}/products/${encodeURIComponent(view.product.slug)}`;
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: view.product.name,
    description: view.product.description || undefined,
    url,
    ...(view.stats.count > 0 && view.stats.average !== null
      ? { aggregateRating: { "@type": "AggregateRating", ratingValue: Math.round(view.stats.average * 100) / 100, reviewCount: view.stats.count, bestRating: 5, worstRating: 1 } }
      : {}),
    review: view.reviews.topics.flatMap((r) =>
      r.typeSummary?.type === "review"
        ? [
            {
              "@type": "Review",
              name: r.title,
              url: ctx.config.baseUrl + r.url,
              datePublished: r.createdAt.toISOString(),
              reviewBody: r.excerpt || undefined,
              author: { "@type": "Person", name: r.author.name || r.author.username },
              reviewRating: { "@type": "Rating", ratingValue: r.typeSummary.rating, bestRating: 5, worstRating: 1 },
            },
          ]
        : [],
    ),
  };
}

/** Products and their reviews; the reviewer's rating form; moderators' removal (forms; POST → redirect → GET). */
export function reviewPages(app: FastifyInstance, ctx: Ctx): void {
  app.get("/products", async (req, reply) => {
    const cached = app.pageCache.serve(req, reply);
    if (cached) return cached;
    const { products, reviewCategoryId } = await listProducts(ctx, req.actor);
    return sendPage(ctx, req, reply, () => <ProductListPage products={products} reviewCategoryId={reviewCategoryId} />, {
      title: req.t("reviews:products.title"),
      seo: { description: req.t("reviews:products.lead") },
    });
  });

  app.get<{ Params: { slug: string }; Querystring: { sort?: string; rating?: string; page?: string } }>("/products/:slug", async (req, reply) => {
    const cached = app.pageCache.serve(req, reply);
    if (cached) return cached;
    const sort: ReviewSort = REVIEW_SORTS.find((s) => s === req.query.sort) ?? "new";
    const rating = [1, 2, 3, 4, 5].find((r) => String(r) === req.query.rating);
    const res = await getProductPage(ctx, req.actor, req.params.slug, { sort, rating, page: pageParam(req.query.page) });
    if (!res.ok) return sendErrorPage(ctx, req, reply, res);
    const view = res.value;
    const base = `/products/${encodeURIComponent(view.product.slug)}`;
    const href = (p: { sort?: ReviewSort; rating?: number | null }) => {
      const q = new URLSearchParams();
      const s = p.sort ?? sort;
      if (s !== "new") q.set("sort", s);
      const r = p.rating === undefined ? rating : p.rating;
      if (r) q.set("rating", String(r));
      const text = q.toString();
      return text ? `${base}?${text}` : base;
    };
    return sendPage(ctx, req, reply, () => <ProductPageView view={view} href={href} />, {
      title: view.product.name,
      seo: {
        canonical: base,
        description: view.product.description || req.t("reviews:products.lead"),
        noindex: rating !== undefined || sort !== "new" || view.reviews.page > 1,
        jsonLd: productJsonLd(ctx, view),
      },
    });
  });

  /** A refused form comes back on its own page with what was typed and why. */
  const formPage = async (req: FastifyRequest, reply: FastifyReply, topicId: number, title: string, form: () => ComponentChildren, failure: Failure) => {
    const topic = await findTopic(ctx.db, topicId);
    if (!topic) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "errors:topicNotFound" });
    return sendPage(
      ctx,
      req,
      reply,
      () => (
        <section class="review-form-page">
          <p>
            <a href={topicUrl(topic)}>← {topic.title}</a>
          </p>
          <h1>{title}</h1>
          {form()}
        </section>
      ),
      { title, status: STATUS[failure.code], seo: { noindex: true } },
    );
  };

  app.post<{ Params: { id: string }; Body: Record<string, string> }>("/t/:id/rating", async (req, reply) => {
    const topicId = toId(req.params.id);
    if (!topicId) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "errors:topicNotFound" });
    const rating = String(req.body?.rating ?? "");
    const res = await rateReview(ctx, req.actor, { topicId, rating });
    if (res.ok) {
      const topic = await findTopic(ctx.db, topicId);
      setFlash(reply, "reviews:flash.rated");
      return redirectLocal(reply, topic ? topicUrl(topic) : "/products");
    }
    if (res.code !== "invalid" || !res.fields) return sendErrorPage(ctx, req, reply, res);
    const error = res.fields.rating ? translateField(req.t, res.fields.rating) : failureMessage(req.t, res);
    return formPage(req, reply, topicId, req.t("reviews:rate.summary"), () => <RatingForm topicId={topicId} rating={rating} error={error} />, res);
  });

  app.post<{ Params: { id: string }; Body: Record<string, string> }>("/t/:id/remove-review", async (req, reply) => {
    const topicId = toId(req.params.id);
    if (!topicId) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "errors:topicNotFound" });
    const reason = String(req.body?.reason ?? "");
    const res = await removeReview(ctx, req.actor, { topicId, reason });
    if (res.ok) {
      const topic = await findTopic(ctx.db, topicId);
      setFlash(reply, "reviews:flash.removed");
      return redirectLocal(reply, topic ? topicUrl(topic) : "/products");
    }
    if (res.code === "not_found" || res.code === "unauthenticated" || res.code === "forbidden") return sendErrorPage(ctx, req, reply, res);
    const fieldError = res.fields?.reason ? translateField(req.t, res.fields.reason) : undefined;
    return formPage(req, reply, topicId, req.t("reviews:remove.summary"), () => (
      <RemoveReviewForm topicId={topicId} reason={reason} error={failureMessage(req.t, res)} fieldError={fieldError} />
    ), res);
  });
}
