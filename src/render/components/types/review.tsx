import { RATINGS } from "../../../domain/reviews/policy.js";
import type { RatingStats } from "../../../domain/reviews/repo.js";
import { useUi } from "../../ui.js";
import { Csrf, Time } from "../common.js";
import { registerTopicTypeUi } from "./registry.js";

/** Stars for a rating or an average (partly filled), read out as "4.2 out of 5 stars". */
export function Stars({ value, size = "md" }: { value: number; size?: "sm" | "md" | "lg" }) {
  const { t, fmt } = useUi();
  const pct = Math.max(0, Math.min(100, (value / 5) * 100));
  return (
    <span class={`stars stars-${size}`} role="img" aria-label={t("reviews:stars.label", { rating: fmt.number(Math.round(value * 10) / 10) })}>
      <span class="stars-empty" aria-hidden="true">★★★★★</span>
      <span class="stars-full" aria-hidden="true" style={`width:${pct.toFixed(1)}%`}>★★★★★</span>
    </span>
  );
}

/** The star input: five radio buttons (works without JavaScript, by keyboard and by screen reader). */
export function StarInput({ name, value, error, legend, id }: { name: string; value: string; error?: string; legend: string; id: string }) {
  const { t } = useUi();
  return (
    <fieldset class={`field star-input${error ? " has-error" : ""}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div class="star-input-choices">
        {[...RATINGS].reverse().map((r) => (
          <label key={r} class="star-input-choice" title={t(`reviews:stars.meaning.${r}`)}>
            <input type="radio" name={name} value={String(r)} checked={value === String(r)} required aria-invalid={error ? "true" : undefined} />
            <span class="star-input-star" aria-hidden="true">★</span>
            <span class="visually-hidden">{t("reviews:stars.option", { count: r, meaning: t(`reviews:stars.meaning.${r}`) })}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The average, the count and a bar per star (each bar links to the reviews with that rating when `href` is given). */
export function RatingBreakdown({ stats, href }: { stats: RatingStats; href?: (rating: number) => string }) {
  const { t, fmt } = useUi();
  return (
    <div class="rating-breakdown">
      <div class="rating-average">
        <strong class="rating-average-value">{stats.average === null ? "–" : fmt.number(Math.round(stats.average * 10) / 10)}</strong>
        <Stars value={stats.average ?? 0} size="lg" />
        <span class="rating-count">{t("reviews:count", { count: stats.count, formatted: fmt.number(stats.count) })}</span>
      </div>
      <table class="rating-bars">
        <caption class="visually-hidden">{t("reviews:distribution")}</caption>
        <tbody>
          {[5, 4, 3, 2, 1].map((r) => {
            const n = stats.distribution[r - 1];
            const pct = stats.count ? Math.round((n / stats.count) * 100) : 0;
            const label = t("reviews:stars.short", { count: r });
            return (
              <tr key={r}>
                <th scope="row">{href && n > 0 ? <a href={href(r)}>{label}</a> : label}</th>
                <td class="rating-bar-cell">
                  <span class="rating-bar" aria-hidden="true">
                    <span class="rating-bar-fill" style={`width:${pct}%`} />
                  </span>
                </td>
                <td class="num">
                  {fmt.number(n)} <span class="rating-pct">({pct}%)</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The reviewer's form to change the stars. */
export function RatingForm({ topicId, rating, error }: { topicId: number; rating: string; error?: string }) {
  const { t } = useUi();
  return (
    <details class="review-rating-form" open={error ? true : undefined}>
      <summary>{t("reviews:rate.summary")}</summary>
      <form method="post" action={`/t/${topicId}/rating`} class="stacked-form">
        <Csrf />
        <StarInput name="rating" value={rating} error={error} legend={t("reviews:rate.legend")} id={`rating-${topicId}`} />
        <div class="form-actions">
          <button type="submit" class="button button-primary">{t("reviews:rate.submit")}</button>
        </div>
      </form>
    </details>
  );
}

/** Moderators' form to remove a review for a rule violation, with the reason. */
export function RemoveReviewForm({ topicId, reason, error, fieldError }: { topicId: number; reason: string; error?: string; fieldError?: string }) {
  const { t } = useUi();
  const id = `remove-reason-${topicId}`;
  return (
    <details class="review-remove-form" open={error || fieldError ? true : undefined}>
      <summary>{t("reviews:remove.summary")}</summary>
      <form method="post" action={`/t/${topicId}/remove-review`} class="stacked-form">
        <Csrf />
        {error ? <div class="alert alert-error" role="alert">{error}</div> : null}
        <p class="field-hint">{t("reviews:remove.hint")}</p>
        <label for={id}>{t("reviews:remove.reason")}</label>
        <textarea id={id} name="reason" rows={3} maxLength={500} required aria-invalid={fieldError ? "true" : undefined} aria-describedby={fieldError ? `${id}-error` : undefined}>
          {reason}
        </textarea>
        {fieldError ? <p class="field-error" id={`${id}-error`}>{fieldError}</p> : null}
        <div class="form-actions">
          <button type="submit" class="button button-danger">{t("reviews:remove.submit")}</button>
        </div>
      </form>
    </details>
  );
}

/** Reviews: the product and stars under the review, the product's figures, the reviewer's and moderators' forms. */
registerTopicTypeUi("review", {
  Block({ view }) {
    const { t, fmt } = useUi();
    const data = view.page.typeData;
    if (data?.type !== "review") return null;
    const topic = view.page.topic;
    return (
      <aside class="review-box" aria-label={t("reviews:block.label")}>
        <div class="review-box-main">
          <Stars value={data.rating} size="lg" />
          <span class="review-box-rating">{t("reviews:stars.outOf", { rating: data.rating })}</span>
          <span class="review-box-product">
            {t("reviews:block.product")} <a href={`/products/${encodeURIComponent(data.product.slug)}`}>{data.product.name}</a>
          </span>
          <Time date={data.ratedAt} />
        </div>
        <p class="review-box-average">
          <a href={`/products/${encodeURIComponent(data.product.slug)}`}>
            {data.stats.average === null
              ? t("reviews:block.noAverage")
              : t("reviews:block.average", { average: fmt.number(Math.round(data.stats.average * 10) / 10), count: data.stats.count, formatted: fmt.number(data.stats.count) })}
          </a>
        </p>
        {data.removal ? (
          <div class="alert alert-error" role="status">
            {t("reviews:block.removed", { reason: data.removal.reason })} <Time date={data.removal.at} />
          </div>
        ) : null}
        <p class="field-hint review-reply-rule">{t("reviews:block.replyRule")}</p>
        {data.canRate ? <RatingForm topicId={topic.id} rating={String(data.rating)} /> : null}
        {data.canRemove ? <RemoveReviewForm topicId={topic.id} reason="" /> : null}
      </aside>
    );
  },
  Badge({ topic }) {
    const s = topic.typeSummary;
    if (s?.type !== "review") return null;
    return (
      <span class="badge badge-review">
        <Stars value={s.rating} size="sm" />
        {s.product ? <span class="badge-review-product">{s.product.name}</span> : null}
      </span>
    );
  },
  Fields({ form }) {
    const { t } = useUi();
    const products = form.choices?.productId ?? [];
    const error = form.errors["review.productId"];
    return (
      <>
        <div class={`field${error ? " has-error" : ""}`}>
          <label for="f-review.productId">{t("reviews:fields.product")}</label>
          <select id="f-review.productId" name="review.productId" required aria-invalid={error ? "true" : undefined} aria-describedby={error ? "f-review.productId-error" : undefined}>
            <option value="">{t("reviews:fields.chooseProduct")}</option>
            {products.map((p) => (
              <option key={p.value} value={p.value} selected={form.values["review.productId"] === p.value}>
                {p.label}
              </option>
            ))}
          </select>
          {error ? (
            <p class="field-error" id="f-review.productId-error">
              {error}
            </p>
          ) : null}
          {products.length === 0 ? <p class="field-hint">{t("reviews:fields.noProducts")}</p> : null}
        </div>
        <StarInput name="review.rating" value={form.values["review.rating"] ?? ""} error={form.errors["review.rating"]} legend={t("reviews:fields.rating")} id="f-review.rating" />
      </>
    );
  },
});
