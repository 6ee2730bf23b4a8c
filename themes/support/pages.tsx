import type { CategorySummary } from "../../src/domain/community/queries/listCategories.js";
import type { CategoryRef } from "../../src/domain/content/types.js";
import { Avatar, CategoryBadge, Pager, TagList, Time, UserLink, safeColor } from "../../src/render/components/common.js";
import { Icon, TopicFlags } from "../../src/render/components/icons.js";
import { Composer, PostView, TopicRows } from "../../src/render/components/topics.js";
import type { CategoriesView, HomeView, TopicListView, TopicView } from "../../src/render/theme.js";
import { useUi } from "../../src/render/ui.js";
import { TopicBelowHeader } from "../../src/render/components/TopicBelowHeader.js";

// Pages of the default theme. Other themes reuse the exported helpers (breadcrumbs, category
// links, sort tabs, category totals).

/** A link to a category, coloured by its category colour. */
export const categoryHref = (c: { slug: string }) => `/c/${encodeURIComponent(c.slug)}`;

/**
 * Categories → parent → category; the category is the current page on its own topic list.
 * `root` replaces the first step (the BBS theme starts at its board index).
 */
export function Breadcrumbs({ category, isCurrent = false, root }: { category?: CategoryRef | null; isCurrent?: boolean; root?: { href: string; label: string } }) {
  const { t, categories } = useUi();
  const parent = category?.parentId ? categories.find((c) => c.id === category.parentId) : undefined;
  const items: Array<{ href?: string; label: string }> = [root ?? { href: "/categories", label: t("nav.categories") }];
  if (parent) items.push({ href: categoryHref(parent), label: parent.name });
  if (category) items.push({ href: isCurrent ? undefined : categoryHref(category), label: category.name });
  return (
    <nav class="breadcrumbs" aria-label={t("theme:breadcrumbs")}>
      <ol>
        {items.map((item, i) => (
          <li key={i}>{item.href ? <a href={item.href}>{item.label}</a> : <span aria-current="page">{item.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** Topics and posts of a category including its sub-categories, and its most recent topic. */
export function categoryTotals(c: CategorySummary): { topics: number; posts: number; last: CategorySummary["lastTopic"] } {
  let topics = c.topicCount;
  let posts = c.postCount;
  let last = c.lastTopic;
  for (const child of c.children) {
    topics += child.topicCount;
    posts += child.postCount;
    if (child.lastTopic && (!last || child.lastTopic.lastPostedAt > last.lastPostedAt)) last = child.lastTopic;
  }
  return { topics, posts, last };
}

/** Support home: "how can we help?" search first, then unanswered questions, latest and categories. */
export function HomePage({ view }: { view: HomeView }) {
  const { t, site, viewer } = useUi();
  return (
    <div class="home home-support">
      <section class="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("home.heroTitle", { site: site.name })}</h1>
        {site.description ? <p class="hero-lead">{site.description}</p> : null}
        <form class="hero-search" action="/search" method="get" role="search">
          <label class="visually-hidden" for="hero-q">
            {t("search.label")}
          </label>
          <span class="hero-search-field">
            <Icon name="search" size={20} />
            <input id="hero-q" type="search" name="q" placeholder={t("home.searchPlaceholder")} />
          </span>
          <button type="submit" class="button button-primary">
            {t("search.button")}
          </button>
        </form>
        {view.canCreateTopic || !viewer ? (
          <p class="hero-ask">
            {t("home.cantFind")}{" "}
            <a href="/new-topic">
              {t("home.askQuestion")} <Icon name="arrowRight" size={14} />
            </a>
          </p>
        ) : null}
      </section>
      <div class="home-layout">
        <div class="home-main">
          <section class="panel panel-unanswered" aria-labelledby="unanswered-title">
            <div class="panel-head">
              <h2 id="unanswered-title">
                <Icon name="question" size={20} /> {t("home.unanswered")}
              </h2>
              <a href="/unanswered">{t("home.seeAll")}</a>
            </div>
            <TopicRows topics={view.unanswered?.topics ?? []} empty={t("home.noUnanswered")} />
          </section>
          <section class="panel" aria-labelledby="latest-title">
            <div class="panel-head">
              <h2 id="latest-title">
                <Icon name="clock" size={20} /> {t("home.latest")}
              </h2>
              <a href="/latest">{t("home.seeAll")}</a>
            </div>
            <TopicRows topics={view.latest?.topics ?? []} />
          </section>
        </div>
        <aside class="home-side" aria-labelledby="cat-title">
          <div class="panel-head">
            <h2 id="cat-title">
              <Icon name="grid" size={20} /> {t("nav.categories")}
            </h2>
            <a href="/categories">{t("home.seeAll")}</a>
          </div>
          <CategoryList categories={view.categories ?? []} />
        </aside>
      </div>
    </div>
  );
}

/** A compact list of categories with their sub-categories and topic counts (home sidebar). */
export function CategoryList({ categories }: { categories: CategorySummary[] }) {
  const { t, fmt } = useUi();
  if (categories.length === 0) return <p class="empty">{t("category.none")}</p>;
  return (
    <ul class="category-list">
      {categories.map((c) => {
        const totals = categoryTotals(c);
        return (
          <li key={c.id} style={`--category-color:${safeColor(c.color)}`}>
            <a class="category-list-name" href={categoryHref(c)}>
              {c.name}
            </a>
            {c.restricted ? <Icon name="lock" size={14} label={t("category.restricted")} /> : null}
            <span class="category-list-count">{fmt.number(totals.topics)}</span>
            {c.description ? <p>{c.description}</p> : null}
            {c.children.length > 0 ? <SubcategoryLinks categories={c.children} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Sub-categories as small coloured links. */
export function SubcategoryLinks({ categories }: { categories: Array<Pick<CategorySummary, "id" | "slug" | "name" | "color">> }) {
  return (
    <ul class="subcategories">
      {categories.map((s) => (
        <li key={s.id}>
          <a href={categoryHref(s)} class="category-badge" style={`--category-color:${safeColor(s.color)}`}>
            {s.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Category cards: name, description, counts, the latest topic and sub-categories. */
export function CategoryGrid({ categories }: { categories: CategorySummary[] }) {
  const { t, fmt } = useUi();
  if (categories.length === 0) return <p class="empty">{t("category.none")}</p>;
  return (
    <ul class="category-grid">
      {categories.map((c) => {
        const totals = categoryTotals(c);
        return (
          <li key={c.id} class="category-card" style={`--category-color:${safeColor(c.color)}`}>
            <h2 class="category-card-title">
              <a href={categoryHref(c)}>{c.name}</a>
              {c.restricted ? (
                <span class="category-restricted" title={t("category.restricted")}>
                  <Icon name="lock" size={14} label={t("category.restricted")} />
                </span>
              ) : null}
            </h2>
            {c.description ? <p class="category-card-description">{c.description}</p> : null}
            {c.children.length > 0 ? <SubcategoryLinks categories={c.children} /> : null}
            <p class="category-stats">
              <span>{t("category.topicCount", { count: totals.topics, formatted: fmt.number(totals.topics) })}</span>
              <span>{t("theme:postCount", { count: totals.posts, formatted: fmt.number(totals.posts) })}</span>
            </p>
            {totals.last ? (
              <p class="category-latest">
                <Icon name="clock" size={14} />
                <a href={totals.last.url}>{totals.last.title}</a> <Time date={totals.last.lastPostedAt} />
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Latest / top / unanswered tabs of a topic list (none on tag pages). */
export function SortTabs({ view }: { view: TopicListView }) {
  const { t } = useUi();
  if (view.sorts.length === 0) return null;
  return (
    <>
      <nav class="tabs" aria-label={t("list.sortLabel")}>
        {view.sorts.map((s) => (
          <a key={s.sort} href={s.href} aria-current={s.sort === view.sort && !view.filters?.some((f) => f.current && f.key !== "all") ? "page" : undefined}>
            {t(`list.sort.${s.sort}`)}
          </a>
        ))}
      </nav>
      {view.filters ? (
        <nav class="tabs tabs-filter" aria-label={t("questions:filter.label")}>
          {view.filters.map((f) => (
            <a key={f.key} href={f.href} aria-current={f.current ? "page" : undefined}>
              {f.label}
            </a>
          ))}
        </nav>
      ) : null}
    </>
  );
}

/** The "new activity" banner a list shows when the live channel reports posts (hidden until then). */
export function LiveBanner() {
  const { t } = useUi();
  return (
    <div class="live-banner" hidden data-live-banner data-template={t("list.newActivityN")}>
      <a href="">{t("list.newActivity")}</a>
    </div>
  );
}

/** Latest / top / unanswered, a category or a tag. */
export function TopicListPage({ view }: { view: TopicListView }) {
  const { t } = useUi();
  return (
    <div class="topic-list-page" data-live={view.live}>
      {view.category ? <Breadcrumbs category={view.category} isCurrent /> : null}
      <div class="page-head" style={view.category ? `--category-color:${safeColor(view.category.color)}` : undefined}>
        <div class="page-title">
          <h1>{view.heading}</h1>
          {view.description ? <p class="page-lead">{view.description}</p> : null}
        </div>
        {view.canCreateTopic ? (
          <a class="button button-primary" href={view.newTopicHref}>
            <Icon name="plus" /> {t("nav.newTopic")}
          </a>
        ) : null}
      </div>
      {view.category && view.category.children.length > 0 ? <SubcategoryLinks categories={view.category.children} /> : null}
      <SortTabs view={view} />
      <LiveBanner />
      <TopicRows topics={view.list.topics} showCategory={!view.category || view.category.children.length > 0} />
      <Pager base={view.base} page={view.list.page} hasMore={view.list.hasMore} />
    </div>
  );
}

/** Every readable category as a card. */
export function CategoriesPage({ view }: { view: CategoriesView }) {
  const { t } = useUi();
  return (
    <div class="categories-page">
      <div class="page-head">
        <h1>{t("nav.categories")}</h1>
        {view.canCreateTopic ? (
          <a class="button button-primary" href="/new-topic">
            <Icon name="plus" /> {t("nav.newTopic")}
          </a>
        ) : null}
      </div>
      <CategoryGrid categories={view.categories} />
    </div>
  );
}

/** A topic: its header, every post and the reply form, updated live. */
export function TopicPage({ view }: { view: TopicView }) {
  const { t, hooks, fmt } = useUi();
  const { topic } = view.page;
  return (
    <div class="topic-page" data-topic-id={topic.id} data-live={`topic:${topic.id}`}>
      <Breadcrumbs category={topic.category} />
      <header class="topic-header">
        <h1>
          <TopicFlags pinned={topic.pinned} locked={topic.locked} />
          {topic.title}
        </h1>
        <div class="topic-meta">
          <CategoryBadge category={topic.category} />
          <TagList tags={topic.tags} />
          <span class="topic-meta-author">
            <Avatar user={topic.author} size={22} /> <UserLink user={topic.author} /> <Time date={topic.createdAt} />
          </span>
          <span class="topic-meta-stat">
            <Icon name="chat" size={14} /> {t("feed.replies", { count: topic.replyCount })}
          </span>
          <span class="topic-meta-stat">
            <Icon name="eye" size={14} /> {t("theme:viewCount", { count: topic.viewCount, formatted: fmt.number(topic.viewCount) })}
          </span>
        </div>
        {topic.deleted ? <p class="alert alert-error">{t("topic.deletedNotice")}</p> : null}
        {hooks.renderSlot("topic.header", { topicId: topic.id })}
      </header>
      <TopicBelowHeader view={view} />
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
