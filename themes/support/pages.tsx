import { CategoryBadge, Pager, TagList, Time, UserLink, safeColor } from "../../src/render/components/common.js";
import { Composer, PostView, TopicRows } from "../../src/render/components/topics.js";
import type { CategorySummary } from "../../src/domain/community/queries/listCategories.js";
import type { CategoriesView, HomeView, TopicListView, TopicView } from "../../src/render/theme.js";
import { useUi } from "../../src/render/ui.js";
import { TopicModeration } from "../../src/render/components/TopicModeration.js";

/** Support home: "how can we help?" search first, then unanswered questions, latest and categories. */
export function HomePage({ view }: { view: HomeView }) {
  const { t, site } = useUi();
  return (
    <div class="home home-support">
      <section class="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("home.heroTitle", { site: site.name })}</h1>
        {site.description ? <p class="hero-lead">{site.description}</p> : null}
        <form class="hero-search" action="/search" method="get" role="search">
          <label class="visually-hidden" for="hero-q">
            {t("search.label")}
          </label>
          <input id="hero-q" type="search" name="q" placeholder={t("home.searchPlaceholder")} />
          <button type="submit" class="button button-primary">
            {t("search.button")}
          </button>
        </form>
        {view.canCreateTopic ? (
          <p class="hero-ask">
            {t("home.cantFind")} <a href="/new-topic">{t("home.askQuestion")}</a>
          </p>
        ) : null}
      </section>
      <div class="home-columns">
        <section class="panel" aria-labelledby="unanswered-title">
          <div class="panel-head">
            <h2 id="unanswered-title">{t("home.unanswered")}</h2>
            <a href="/unanswered">{t("home.seeAll")}</a>
          </div>
          <TopicRows topics={view.unanswered?.topics ?? []} empty={t("home.noUnanswered")} />
        </section>
        <section class="panel" aria-labelledby="latest-title">
          <div class="panel-head">
            <h2 id="latest-title">{t("home.latest")}</h2>
            <a href="/latest">{t("home.seeAll")}</a>
          </div>
          <TopicRows topics={view.latest?.topics ?? []} />
        </section>
      </div>
      <section aria-labelledby="cat-title">
        <h2 id="cat-title">{t("nav.categories")}</h2>
        <CategoryGrid categories={view.categories ?? []} />
      </section>
    </div>
  );
}

export function CategoryGrid({ categories }: { categories: CategorySummary[] }) {
  const { t, fmt } = useUi();
  if (categories.length === 0) return <p class="empty">{t("category.none")}</p>;
  return (
    <ul class="category-grid">
      {categories.map((c) => (
        <li key={c.id} class="category-card" style={`--category-color:${safeColor(c.color)}`}>
          <h3>
            <a href={`/c/${encodeURIComponent(c.slug)}`}>{c.name}</a>
            {c.restricted ? <span class="icon-lock" title={t("category.restricted")} aria-label={t("category.restricted")}>🔒</span> : null}
          </h3>
          {c.description ? <p>{c.description}</p> : null}
          <p class="category-stats">
            {t("category.topicCount", { count: c.topicCount, formatted: fmt.number(c.topicCount) })}
          </p>
          {c.children.length > 0 ? (
            <ul class="subcategories">
              {c.children.map((s) => (
                <li key={s.id}>
                  <a href={`/c/${encodeURIComponent(s.slug)}`} style={`--category-color:${safeColor(s.color)}`} class="category-badge">
                    {s.name}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function SortTabs({ view }: { view: TopicListView }) {
  const { t } = useUi();
  return (
    <nav class="tabs" aria-label={t("list.sortLabel")}>
      {view.sorts.map((s) => (
        <a key={s.sort} href={s.href} aria-current={s.sort === view.sort ? "page" : undefined}>
          {t(`list.sort.${s.sort}`)}
        </a>
      ))}
    </nav>
  );
}

/** Latest / top / unanswered, a category or a tag. */
export function TopicListPage({ view }: { view: TopicListView }) {
  const { t } = useUi();
  return (
    <div class="topic-list-page" data-live={view.live}>
      <div class="page-head">
        <div>
          <h1>{view.heading}</h1>
          {view.description ? <p class="page-lead">{view.description}</p> : null}
        </div>
        {view.canCreateTopic ? (
          <a class="button button-primary" href={view.newTopicHref}>
            {t("nav.newTopic")}
          </a>
        ) : null}
      </div>
      {view.category && view.category.children.length > 0 ? (
        <ul class="subcategories">
          {view.category.children.map((s) => (
            <li key={s.id}>
              <a href={`/c/${encodeURIComponent(s.slug)}`} class="category-badge" style={`--category-color:${safeColor(s.color)}`}>
                {s.name}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <SortTabs view={view} />
      <div class="live-banner" hidden data-live-banner data-template={t("list.newActivityN")}>
        <a href="">{t("list.newActivity")}</a>
      </div>
      <TopicRows topics={view.list.topics} showCategory={!view.category} />
      <Pager base={view.base} page={view.list.page} hasMore={view.list.hasMore} />
    </div>
  );
}

export function CategoriesPage({ view }: { view: CategoriesView }) {
  const { t } = useUi();
  return (
    <div class="categories-page">
      <div class="page-head">
        <h1>{t("nav.categories")}</h1>
        {view.canCreateTopic ? (
          <a class="button button-primary" href="/new-topic">
            {t("nav.newTopic")}
          </a>
        ) : null}
      </div>
      <CategoryGrid categories={view.categories} />
    </div>
  );
}

/** A topic: its header, every post and the reply form, updated live. */
export function TopicPage({ view }: { view: TopicView }) {
  const { t, hooks } = useUi();
  const { topic } = view.page;
  return (
    <div class="topic-page" data-topic-id={topic.id} data-live={`topic:${topic.id}`}>
      <header class="topic-header">
        <h1>
          {topic.pinned ? <span class="icon-pin" title={t("topic.pinned")} aria-label={t("topic.pinned")}>📌</span> : null}
          {topic.locked ? <span class="icon-lock" title={t("topic.locked")} aria-label={t("topic.locked")}>🔒</span> : null}
          {topic.title}
        </h1>
        <div class="topic-meta">
          <CategoryBadge category={topic.category} />
          <TagList tags={topic.tags} />
          <span>
            {t("topic.startedBy")} <UserLink user={topic.author} /> <Time date={topic.createdAt} />
          </span>
        </div>
        {topic.deleted ? <p class="alert alert-error">{t("topic.deletedNotice")}</p> : null}
        {hooks.renderSlot("topic.header", { topicId: topic.id })}
      </header>
      <TopicModeration view={view} />
      <div class="posts" data-posts>
        {view.page.posts.map((p) => (
          <PostView key={p.id} post={p} topic={topic} canReply={view.page.can.reply} />
        ))}
      </div>
      <Pager base={topic.url} page={view.page.page} hasMore={view.page.page < view.page.pageCount} pageCount={view.page.pageCount} />
      <div class="live-status" aria-live="polite" data-live-status data-msg={t("topic.newReplyLive")} />
      <Composer page={view.page} state={view.composer} />
    </div>
  );
}
