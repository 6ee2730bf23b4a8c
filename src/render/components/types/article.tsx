import { ARTICLE_KINDS, type ArticleKind, type Cover } from "../../../domain/articles/repo.js";
import { useUi } from "../../ui.js";
import { Avatar, Time, UserLink } from "../common.js";
import { Icon } from "../icons.js";
import { registerTopicTypeUi } from "./registry.js";

/** The kind as a label: blog post, customer story, announcement. */
export function ArticleKindLabel({ kind }: { kind: ArticleKind }) {
  const { t } = useUi();
  return <span class={`badge article-kind article-kind-${kind}`}>{t(`articles:kind.${kind}`)}</span>;
}

/** A cover image at its own size (smaller copies for narrow screens); decorative, so alt is empty. */
export function CoverImage({ cover, eager = false }: { cover: Cover; eager?: boolean }) {
  return (
    <img
      class="article-cover"
      src={cover.url}
      srcset={cover.srcset || undefined}
      sizes={cover.srcset ? "(max-width: 900px) 100vw, 900px" : undefined}
      width={cover.width}
      height={cover.height}
      alt=""
      loading={eager ? undefined : "lazy"}
      decoding="async"
    />
  );
}

/** Articles: the cover, the kind, the lead and the byline (avatar, name, title, staff badge, date, reading time). */
registerTopicTypeUi("article", {
  Block({ view }) {
    const { t } = useUi();
    const data = view.page.typeData;
    if (data?.type !== "article") return null;
    const topic = view.page.topic;
    return (
      <header class="article-head" aria-label={t("articles:label")}>
        {data.cover ? <CoverImage cover={data.cover} eager /> : null}
        {data.summary ? <p class="article-lead">{data.summary}</p> : null}
        <div class="article-byline">
          {data.author ? <Avatar user={data.author} size={44} /> : null}
          <div class="article-byline-text">
            {data.author ? <UserLink user={data.author} showTitle /> : null}
            <span class="article-byline-meta">
              <ArticleKindLabel kind={data.kind} /> <Time date={topic.createdAt} /> ·{" "}
              <span>
                <Icon name="clock" size={13} /> {t("articles:readingTime", { count: data.readingMinutes })}
              </span>
            </span>
          </div>
        </div>
      </header>
    );
  },
  Badge({ topic }) {
    const s = topic.typeSummary;
    if (s?.type !== "article") return null;
    return <ArticleKindLabel kind={s.kind} />;
  },
  Fields({ form }) {
    const { t } = useUi();
    const kind = form.values["article.kind"] || "blog";
    const coverKey = form.values["article.coverKey"] ?? "";
    const coverError = form.errors["article.cover"];
    const summaryError = form.errors["article.summary"];
    return (
      <>
        <div class="field">
          <label for="f-article.kind">{t("articles:fields.kind")}</label>
          <select id="f-article.kind" name="article.kind">
            {ARTICLE_KINDS.map((k) => (
              <option key={k} value={k} selected={k === kind}>
                {t(`articles:kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div class={`field${summaryError ? " has-error" : ""}`}>
          <label for="f-article.summary">{t("articles:fields.summary")}</label>
          <textarea id="f-article.summary" name="article.summary" rows={2} maxLength={300} aria-describedby="f-article.summary-hint" aria-invalid={summaryError ? "true" : undefined}>
            {form.values["article.summary"] ?? ""}
          </textarea>
          <p class="field-hint" id="f-article.summary-hint">
            {t("articles:fields.summaryHint")}
          </p>
          {summaryError ? <p class="field-error">{summaryError}</p> : null}
        </div>
        <div class={`field${coverError ? " has-error" : ""}`}>
          <label for="f-article.cover">{t("articles:fields.cover")}</label>
          {coverKey ? (
            <>
              <input type="hidden" name="article.coverKey" value={coverKey} />
              <p class="field-hint">{t("articles:fields.coverKept")}</p>
              <label class="admin-check">
                <input type="checkbox" name="article.removeCover" value="1" checked={form.values["article.removeCover"] === "1"} /> {t("articles:fields.removeCover")}
              </label>
            </>
          ) : null}
          <input type="file" id="f-article.cover" name="article.cover" accept="image/jpeg,image/png,image/gif,image/webp" aria-describedby="f-article.cover-hint" aria-invalid={coverError ? "true" : undefined} />
          <p class="field-hint" id="f-article.cover-hint">
            {t("articles:fields.coverHint")}
          </p>
          {coverError ? (
            <p class="field-error" role="alert">
              {coverError}
            </p>
          ) : null}
        </div>
      </>
    );
  },
});
