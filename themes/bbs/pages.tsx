import type { CategorySummary } from "../../src/domain/community/queries/listCategories.js";
import { PostExtensionViews, TopicTypeBadge } from "../../src/render/components/types/parts.js";
import { TopicBelowHeader } from "../../src/render/components/TopicBelowHeader.js";
import type { TopicListItem } from "../../src/domain/content/types.js";
import { Avatar, CategoryBadge, Pager, TagList, Time, UserLink, safeColor } from "../../src/render/components/common.js";
import { Icon, TopicFlags } from "../../src/render/components/icons.js";
import { Composer, DeletedNote, DeletedPost, PostActions, PostDate, isHiddenDeleted, postStateClass } from "../../src/render/components/topics.js";
import type { CategoriesView, HomeView, PostViewProps, TopicListView, TopicView } from "../../src/render/theme.js";
import { useUi } from "../../src/render/ui.js";
import { Breadcrumbs, LiveBanner, SortTabs, categoryHref, categoryTotals } from "../support/pages.js";

/** The board index is the first step of every BBS breadcrumb. */
function useRoot() {
  const { t } = useUi();
  return { href: "/", label: t("theme:bbs.index") };
}

/** The classic forum index: one row per category with counts and its latest post. */
export function ForumTable({ categories, caption }: { categories: CategorySummary[]; caption: string }) {
  const { t, fmt } = useUi();
  if (categories.length === 0) return <p class="empty">{t("category.none")}</p>;
  return (
    <table class="bbs-table forum-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" class="col-main">
            {t("theme:bbs.forum")}
          </th>
          <th scope="col" class="col-num">
            {t("theme:bbs.topics")}
          </th>
          <th scope="col" class="col-num">
            {t("theme:bbs.posts")}
          </th>
          <th scope="col" class="col-last">
            {t("theme:bbs.lastPost")}
          </th>
        </tr>
      </thead>
      <tbody>
        {categories.map((c) => {
          const totals = categoryTotals(c);
          return (
            <tr key={c.id} style={`--category-color:${safeColor(c.color)}`}>
              <th scope="row" class="forum-cell">
                <span class="forum-icon" aria-hidden="true">
                  <Icon name="folder" size={22} />
                </span>
                <span class="forum-text">
                  <a class="forum-name" href={categoryHref(c)}>
                    {c.name}
                  </a>
                  {c.restricted ? (
                    <span class="forum-lock" title={t("category.restricted")}>
                      <Icon name="lock" size={13} label={t("category.restricted")} />
                    </span>
                  ) : null}
                  {c.description ? <span class="forum-desc">{c.description}</span> : null}
                  {c.children.length > 0 ? (
                    <span class="forum-subs">
                      <span class="forum-subs-label">{t("theme:bbs.subforums")}</span>
                      {c.children.map((s, i) => (
                        <span key={s.id}>
                          {i > 0 ? ", " : null}
                          <a href={categoryHref(s)}>{s.name}</a>
                        </span>
                      ))}
                    </span>
                  ) : null}
                </span>
              </th>
              <td class="num" data-label={t("theme:bbs.topics")}>
                {fmt.number(totals.topics)}
              </td>
              <td class="num" data-label={t("theme:bbs.posts")}>
                {fmt.number(totals.posts)}
              </td>
              <td class="last-cell" data-label={t("theme:bbs.lastPost")}>
                {totals.last ? (
                  <>
                    <a class="last-title" href={totals.last.url}>
                      {totals.last.title}
                    </a>
                    <span class="last-by">
                      {totals.last.lastPoster ? (
                        <>
                          {t("theme:bbs.by")} <a href={`/u/${encodeURIComponent(totals.last.lastPoster)}`}>{totals.last.lastPoster}</a>{" "}
                        </>
                      ) : null}
                      <Time date={totals.last.lastPostedAt} />
                    </span>
                  </>
                ) : (
                  <span class="last-none">{t("theme:bbs.noPosts")}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Totals under the index, as old boards show them. */
function BoardStats({ categories }: { categories: CategorySummary[] }) {
  const { t, fmt } = useUi();
  let topics = 0;
  let posts = 0;
  for (const c of categories) {
    const totals = categoryTotals(c);
    topics += totals.topics;
    posts += totals.posts;
  }
  return (
    <p class="board-stats">
      <Icon name="grid" size={14} /> {t("theme:bbs.stats", { topics: fmt.number(topics), posts: fmt.number(posts) })}
    </p>
  );
}

function IndexPage({ categories, canCreateTopic, heading }: { categories: CategorySummary[]; canCreateTopic: boolean; heading: string }) {
  const { t, site } = useUi();
  return (
    <div class="bbs-index">
      <div class="page-head">
        <div class="page-title">
          <h1>{heading}</h1>
          {site.description ? <p class="page-lead">{site.description}</p> : null}
        </div>
        {canCreateTopic ? (
          <a class="button button-primary" href="/new-topic">
            <Icon name="plus" /> {t("nav.newTopic")}
          </a>
        ) : null}
      </div>
      <ForumTable categories={categories} caption={t("theme:bbs.forums")} />
      <BoardStats categories={categories} />
    </div>
  );
}

/** BBS home: the category index. */
export function HomePage({ view }: { view: HomeView }) {
  const { site } = useUi();
  return <IndexPage categories={view.categories ?? []} canCreateTopic={view.canCreateTopic} heading={site.name} />;
}

/** The same index table under the "categories" heading. */
export function CategoriesPage({ view }: { view: CategoriesView }) {
  const { t } = useUi();
  return <IndexPage categories={view.categories} canCreateTopic={view.canCreateTopic} heading={t("nav.categories")} />;
}

function ThreadRow({ topic, showCategory }: { topic: TopicListItem; showCategory: boolean }) {
  const { t, fmt } = useUi();
  const last = topic.lastPoster ?? topic.author;
  return (
    <tr class={`thread-row${topic.pinned ? " is-pinned" : ""}${topic.locked ? " is-locked" : ""}`} data-topic-id={topic.id}>
      <th scope="row" class="thread-cell">
        <span class="thread-icon" aria-hidden="true">
          <Icon name={topic.pinned ? "pin" : topic.locked ? "lock" : "chat"} size={18} />
        </span>
        <span class="thread-text">
          <span class="thread-title-line">
            {topic.pinned ? <span class="pin-label">{t("topic.pinned")}</span> : null}
            {topic.locked ? <span class="lock-label">{t("topic.locked")}</span> : null}
            <a class="thread-title" href={topic.url}>
              {topic.title}
            </a>
            <TopicTypeBadge topic={topic} />
          </span>
          <span class="thread-meta">
            {t("theme:bbs.by")} <UserLink user={topic.author} /> <Time date={topic.createdAt} />
            {showCategory ? <CategoryBadge category={topic.category} /> : null}
            <TagList tags={topic.tags} />
          </span>
        </span>
      </th>
      <td class="num" data-label={t("topic.replies")}>
        {fmt.number(topic.replyCount)}
      </td>
      <td class="num" data-label={t("topic.views")}>
        {fmt.number(topic.viewCount)}
      </td>
      <td class="last-cell" data-label={t("theme:bbs.lastPost")}>
        <span class="last-by">
          <a href={`/u/${encodeURIComponent(last.username)}`} class="last-poster">
            {last.name || last.username}
          </a>
        </span>
        <Time date={topic.lastPostedAt} />
      </td>
    </tr>
  );
}

/** Threads as a table: pinned ones first in their own group when the list puts them first. */
export function ThreadTable({ topics, showCategory, caption }: { topics: TopicListItem[]; showCategory: boolean; caption: string }) {
  const { t } = useUi();
  if (topics.length === 0) return <p class="empty bbs-empty">{t("topic.noTopics")}</p>;
  const pinnedCount = topics.findIndex((x) => !x.pinned);
  const leading = pinnedCount === -1 ? topics.length : pinnedCount;
  const grouped = leading > 0 && leading < topics.length;
  const row = (topic: TopicListItem) => <ThreadRow key={topic.id} topic={topic} showCategory={showCategory} />;
  return (
    <table class="bbs-table thread-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" class="col-main">
            {t("theme:bbs.thread")}
          </th>
          <th scope="col" class="col-num">
            {t("topic.replies")}
          </th>
          <th scope="col" class="col-num">
            {t("topic.views")}
          </th>
          <th scope="col" class="col-last">
            {t("theme:bbs.lastPost")}
          </th>
        </tr>
      </thead>
      {grouped ? (
        <>
          <tbody class="pinned-group">
            <tr class="group-row">
              <th scope="colgroup" colSpan={4}>
                <Icon name="pin" size={14} /> {t("theme:bbs.pinnedThreads")}
              </th>
            </tr>
            {topics.slice(0, leading).map(row)}
          </tbody>
          <tbody>
            <tr class="group-row">
              <th scope="colgroup" colSpan={4}>
                {t("theme:bbs.threads")}
              </th>
            </tr>
            {topics.slice(leading).map(row)}
          </tbody>
        </>
      ) : (
        <tbody>{topics.map(row)}</tbody>
      )}
    </table>
  );
}

/** A category (with its sub-categories as a small index), latest/top/unanswered or a tag, as a thread table. */
export function TopicListPage({ view }: { view: TopicListView }) {
  const { t } = useUi();
  const root = useRoot();
  const showCategory = !view.category || view.category.children.length > 0;
  return (
    <div class="topic-list-page bbs-forum" data-live={view.live}>
      <Breadcrumbs root={root} category={view.category} isCurrent={Boolean(view.category)} />
      <div class="page-head">
        <div class="page-title">
          <h1>{view.heading}</h1>
          {view.description ? <p class="page-lead">{view.description}</p> : null}
        </div>
      </div>
      {view.category && view.category.children.length > 0 ? <ForumTable categories={view.category.children} caption={t("theme:bbs.subforums")} /> : null}
      <div class="bbs-toolbar">
        {view.canCreateTopic ? (
          <a class="button button-primary button-small" href={view.newTopicHref}>
            <Icon name="plus" /> {t("nav.newTopic")}
          </a>
        ) : null}
        <SortTabs view={view} />
      </div>
      <LiveBanner />
      <ThreadTable topics={view.list.topics} showCategory={showCategory} caption={view.heading} />
      <Pager base={view.base} page={view.list.page} hasMore={view.list.hasMore} />
    </div>
  );
}

/** A numbered post with the poster's column on the left (stacked above the post on phones). */
export function PostView({ post, topic, canReply }: PostViewProps) {
  if (isHiddenDeleted(post)) return <DeletedPost post={post} />;
  return (
    <article class={`post bbs-post${postStateClass(post)}`} id={`post-${post.postNumber}`} data-post-id={post.id}>
      <DeletedNote post={post} />
      <div class="bbs-post-user">
        <Avatar user={post.author} size={56} />
        <UserLink user={post.author} showTitle />
      </div>
      <div class="bbs-post-main">
        <header class="bbs-post-head">
          <a class="post-number" href={`${topic.url}#post-${post.postNumber}`}>
            #{post.postNumber}
          </a>
          <PostDate post={post} topic={topic} absolute />
        </header>
        <div class="post-body cooked" dangerouslySetInnerHTML={{ __html: post.cooked }} />
        <PostExtensionViews postId={post.id} extensions={post.extensions} topicUrl={topic.url} />
        <PostActions post={post} topic={topic} canReply={canReply} />
      </div>
    </article>
  );
}

/** A thread: title bar, numbered posts, pager top and bottom, the reply form. */
export function TopicPage({ view }: { view: TopicView }) {
  const { t, hooks, fmt } = useUi();
  const root = useRoot();
  const { topic } = view.page;
  const pager = <Pager base={topic.url} page={view.page.page} hasMore={view.page.page < view.page.pageCount} pageCount={view.page.pageCount} />;
  return (
    <div class="topic-page bbs-thread" data-topic-id={topic.id} data-live={`topic:${topic.id}`}>
      <Breadcrumbs root={root} category={topic.category} />
      <header class="topic-header">
        <h1>
          <TopicFlags pinned={topic.pinned} locked={topic.locked} />
          {topic.title}
        </h1>
        <div class="topic-meta">
          <CategoryBadge category={topic.category} />
          <TagList tags={topic.tags} />
          <span class="topic-meta-stat">
            {t("topic.replies")} <strong>{fmt.number(topic.replyCount)}</strong>
          </span>
          <span class="topic-meta-stat">
            {t("topic.views")} <strong>{fmt.number(topic.viewCount)}</strong>
          </span>
        </div>
        {topic.deleted ? <p class="alert alert-error">{t("topic.deletedNotice")}</p> : null}
        {hooks.renderSlot("topic.header", { topicId: topic.id })}
      </header>
      <TopicBelowHeader view={view} />
      <div class="bbs-toolbar">
        {view.page.can.reply ? (
          <a class="button button-primary button-small" href="#reply">
            <Icon name="reply" /> {t("theme:bbs.postReply")}
          </a>
        ) : null}
        {view.page.pageCount > 1 ? pager : null}
      </div>
      <div class="posts" data-posts>
        {view.page.posts.map((p) => (
          <PostView key={p.id} post={p} topic={topic} canReply={view.page.can.reply} />
        ))}
      </div>
      {pager}
      <div class="live-status" aria-live="polite" data-live-status data-msg={t("topic.newReplyLive")} />
      <Composer page={view.page} state={view.composer} />
    </div>
  );
}
