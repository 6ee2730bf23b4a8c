import type { TopicListItem } from "../../domain/content/types.js";
import type { ProductPage, ProductSummary, ReviewSort } from "../../domain/reviews/queries/products.js";
import { useUi } from "../ui.js";
import { Avatar, Pager, Time, UserLink } from "./common.js";
import { Icon } from "./icons.js";
import { RatingBreakdown, Stars } from "./types/review.js";

const productHref = (slug: string) => `/products/${encodeURIComponent(slug)}`;

/** The link to write a review of a product (or to the reader's own review, once written). */
function ReviewAction({ summary, reviewCategoryId }: { summary: ProductSummary; reviewCategoryId: number | null }) {
  const { t, viewer, path } = useUi();
  if (summary.mine) {
    return (
      <a class="button" href={`/t/${summary.mine.topicId}/${summary.mine.slug}`}>
        <Icon name="check" size={15} /> {t("reviews:product.yourReview")}
      </a>
    );
  }
  if (summary.product.archived) return <span class="field-hint">{t("reviews:product.archived")}</span>;
  if (!viewer) {
    return (
      <a class="button" href={`/login?next=${encodeURIComponent(path)}`}>
        {t("reviews:product.loginToReview")}
      </a>
    );
  }
  if (reviewCategoryId === null) return null;
  return (
    <a class="button button-primary" href={`/new-topic?category=${reviewCategoryId}&review.productId=${summary.product.id}`}>
      <Icon name="plus" size={15} /> {t("reviews:product.write")}
    </a>
  );
}

/** `/products`: every product with its average and count. */
export function ProductListPage({ products, reviewCategoryId }: { products: ProductSummary[]; reviewCategoryId: number | null }) {
  const { t, fmt } = useUi();
  return (
    <section class="product-list-page">
      <header class="page-head">
        <div class="page-title">
          <h1>
            <Icon name="star" size={24} /> {t("reviews:products.title")}
          </h1>
          <p class="page-lead">{t("reviews:products.lead")}</p>
        </div>
      </header>
      {products.length === 0 ? <p class="empty">{t("reviews:products.none")}</p> : null}
      <ul class="product-cards">
        {products.map((p) => (
          <li key={p.product.id} class="product-card">
            <h2 class="product-card-name">
              <a href={productHref(p.product.slug)}>{p.product.name}</a>
            </h2>
            {p.product.description ? <p class="product-card-description">{p.product.description}</p> : null}
            <p class="product-card-rating">
              <Stars value={p.stats.average ?? 0} />{" "}
              {p.stats.average === null ? (
                <span class="field-hint">{t("reviews:products.noReviews")}</span>
              ) : (
                <span>
                  <strong>{fmt.number(Math.round(p.stats.average * 10) / 10)}</strong> · {t("reviews:count", { count: p.stats.count, formatted: fmt.number(p.stats.count) })}
                </span>
              )}
            </p>
            <ReviewAction summary={p} reviewCategoryId={reviewCategoryId} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One review in a product's list: stars, title, excerpt, reviewer, date, staff replies. */
function ReviewCard({ review }: { review: TopicListItem }) {
  const { t, fmt } = useUi();
  const s = review.typeSummary?.type === "review" ? review.typeSummary : null;
  return (
    <li class="review-card" data-topic-id={review.id}>
      <div class="review-card-head">
        {s ? <Stars value={s.rating} /> : null}
        <h3 class="review-card-title">
          <a href={review.url}>{review.title}</a>
        </h3>
      </div>
      {review.excerpt ? <p class="topic-row-excerpt">{review.excerpt}</p> : null}
      <div class="topic-row-meta">
        <span class="topic-row-author">
          <Avatar user={review.author} size={20} /> <UserLink user={review.author} />
        </span>
        <Time date={review.createdAt} />
        {review.replyCount > 0 ? (
          <span>
            <Icon name="chat" size={14} /> {t("reviews:product.replies", { count: review.replyCount, formatted: fmt.number(review.replyCount) })}
          </span>
        ) : null}
      </div>
    </li>
  );
}

/** `/products/:slug`: the average and distribution, then the reviews (sorted, filtered by stars). */
export function ProductPageView({ view, href }: { view: ProductPage; href: (p: { sort?: ReviewSort; rating?: number | null }) => string }) {
  const { t } = useUi();
  const { product } = view;
  return (
    <section class="product-page">
      <p class="breadcrumbs">
        <a href="/products">{t("reviews:products.title")}</a>
      </p>
      <header class="page-head">
        <div class="page-title">
          <h1>{product.name}</h1>
          {product.description ? <p class="page-lead">{product.description}</p> : null}
          {product.url ? (
            <p>
              <a href={product.url} rel="noopener nofollow" target="_blank">
                {t("reviews:product.site")}
              </a>
            </p>
          ) : null}
        </div>
        <div class="page-head-actions">
          <ReviewAction summary={view} reviewCategoryId={view.reviewCategoryId} />
        </div>
      </header>
      <RatingBreakdown stats={view.stats} href={(r) => href({ rating: r })} />
      <h2 class="product-reviews-heading">{view.rating ? t("reviews:product.filtered", { count: view.rating }) : t("reviews:product.reviews")}</h2>
      <nav class="tabs" aria-label={t("reviews:product.sortLabel")}>
        {(["new", "highest", "lowest"] as const).map((s) => (
          <a key={s} href={href({ sort: s })} aria-current={s === view.sort ? "page" : undefined}>
            {t(`reviews:product.sort.${s}`)}
          </a>
        ))}
        {view.rating ? <a href={href({ rating: null })}>{t("reviews:product.allRatings")}</a> : null}
      </nav>
      {view.reviews.topics.length === 0 ? <p class="empty">{t("reviews:product.none")}</p> : null}
      <ul class="review-cards">
        {view.reviews.topics.map((r) => (
          <ReviewCard key={r.id} review={r} />
        ))}
      </ul>
      <Pager base={href({})} page={view.reviews.page} hasMore={view.reviews.hasMore} />
    </section>
  );
}
