import type { ComponentChildren } from "preact";
import { TopicTypeBadge } from "../../src/render/components/types/parts.js";
import { TopicBelowHeader } from "../../src/render/components/TopicBelowHeader.js";
import type { FeedItem } from "../../src/domain/content/queries/listRecentPosts.js";
import type { TopicListItem } from "../../src/domain/content/types.js";
import { Avatar, CategoryBadge, Pager, TagList, Time, UserLink, safeColor } from "../../src/render/components/common.js";
import { Icon, TopicFlags } from "../../src/render/components/icons.js";
import { Composer, PostView } from "../../src/render/components/topics.js";
import type { HomeView, TopicListView, TopicView } from "../../src/render/theme.js";
import { useUi } from "../../src/render/ui.js";
import { Breadcrumbs, LiveBanner, SortTabs, SubcategoryLinks } from "../support/pages.js";

const SLOT = "\u0000";

/** A translated sentence with a link (or any node) where the `{{title}}` placeholder was. */
function sentence(text: string, node: ComponentChildren) {
  const [before, after = ""] = text.split(SLOT);
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
}

/** Long posts are shown clamped with "read more"; short ones whole. Judged from the rendered HTML. */
function isLong(cooked: string): boolean {
  const text = cooked.replace(/<[^>]+>/g, "");
  const blocks = (cooked.match(/<(p|li|pre|blockquote|aside|h\d|table)\b/g) ?? []).length;
  return text.length > 220 || blocks > 4 || /<(pre|table|img)\b/.test(cooked);
}

/** One post in the feed: who, what they did, in which topic, the post itself and the topic's replies. */
export function FeedCard({ item }: { item: FeedItem }) {
  const { t } = useUi();
  const started = item.postNumber === 1;
  const long = isLong(item.cooked);
  const permalink = `/p/${item.postId}`;
  const link = (
    <a class="feed-topic" href={started ? item.topic.url : permalink}>
      {item.topic.title}
    </a>
  );
  return (
    <li class="feed-item">
      <article class="feed-card" style={`--category-color:${safeColor(item.category.color)}`}>
        <header class="feed-card-head">
          <Avatar user={item.author} size={44} />
          <div class="feed-who">
            <UserLink user={item.author} />
            <a class="feed-when" href={permalink}>
              <Time date={item.createdAt} />
            </a>
          </div>
        </header>
        <h2 class={`feed-context${started ? " is-started" : ""}`}>
          <Icon name={started ? "file" : "reply"} size={16} />
          <span>{sentence(t(started ? "theme:social.started" : "theme:social.replied", { title: SLOT }), link)}</span>
          <TopicTypeBadge topic={item.topic} />
        </h2>
        <div class={`feed-body cooked${long ? " is-clamped" : ""}`} dangerouslySetInnerHTML={{ __html: item.cooked }} />
        {long ? (
          <a class="feed-more" href={permalink}>
            {t("theme:social.readMore")} <Icon name="arrowRight" size={14} />
          </a>
        ) : null}
        <footer class="feed-card-foot">
          <CategoryBadge category={item.category} />
          <a class="feed-replies" href={`${item.topic.url}#reply`}>
            <Icon name="chat" size={16} /> {t("feed.replies", { count: item.topic.replyCount })}
          </a>
        </footer>
      </article>
    </li>
  );
}

/** Social home: the feed of recent posts across categories, newest first; open questions beside it. */
export function HomePage({ view }: { view: HomeView }) {
  const { t, viewer } = useUi();
  const feed = view.feed ?? { items: [], page: 1, hasMore: false };
  const open = (view.unanswered?.topics ?? []).slice(0, 5);
  return (
    <div class="home home-social" data-live="latest">
      <div class="feed-column">
        <h1 class="feed-title">{t("home.feed")}</h1>
        {viewer && view.canCreateTopic ? (
          <a class="compose-prompt" href="/new-topic">
            <Avatar user={viewer} size={40} />
            <span class="compose-prompt-text">{t("theme:social.composePrompt")}</span>
            <span class="button button-primary button-small">{t("nav.newTopic")}</span>
          </a>
        ) : null}
        <LiveBanner />
        {feed.items.length === 0 ? <p class="empty">{t("topic.noTopics")}</p> : null}
        <ol class="feed">
          {feed.items.map((item) => (
            <FeedCard key={item.postId} item={item} />
          ))}
        </ol>
        <Pager base="/" page={feed.page} hasMore={feed.hasMore} />
      </div>
      <aside class="feed-aside" aria-labelledby="open-questions">
        <section class="side-card">
          <h2 id="open-questions" class="side-heading">
            <Icon name="question" size={16} /> {t("home.unanswered")}
          </h2>
          {open.length === 0 ? (
            <p class="empty">{t("home.noUnanswered")}</p>
          ) : (
            <ul class="mini-topics">
              {open.map((topic) => (
                <li key={topic.id}>
                  <a href={topic.url}>{topic.title}</a>
                  <span class="mini-meta">
                    <CategoryBadge category={topic.category} /> <Time date={topic.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
          )}
          <a class="side-more" href="/unanswered">
            {t("home.seeAll")} <Icon name="arrowRight" size={14} />
          </a>
        </section>
      </aside>
    </div>
  );
}

/** A topic as a card: who started it, the title and opening lines, where it is and how lively it is. */
export function TopicCard({ topic, showCategory }: { topic: TopicListItem; showCategory: boolean }) {
  const { t, fmt } = useUi();
  return (
    <li class={`topic-card${topic.pinned ? " is-pinned" : ""}`} data-topic-id={topic.id}>
      <article>
        <header class="topic-card-head">
          <Avatar user={topic.author} size={36} />
          <div class="topic-card-who">
            <UserLink user={topic.author} />
            <Time date={topic.createdAt} />
          </div>
          <TopicFlags pinned={topic.pinned} locked={topic.locked} />
        </header>
        <h2 class="topic-card-title">
          <a href={topic.url}>{topic.title}</a> <TopicTypeBadge topic={topic} />
        </h2>
        {topic.excerpt ? <p class="topic-card-excerpt">{topic.excerpt}</p> : null}
        <footer class="topic-card-foot">
          {showCategory ? <CategoryBadge category={topic.category} /> : null}
          <TagList tags={topic.tags} />
          <span class="topic-card-stats">
            <span class={topic.replyCount === 0 ? "card-stat is-zero" : "card-stat"}>
              <Icon name="chat" size={16} /> {t("feed.replies", { count: topic.replyCount })}
            </span>
            <span class="card-stat">
              <Icon name="eye" size={16} /> {t("theme:viewCount", { count: topic.viewCount, formatted: fmt.number(topic.viewCount) })}
            </span>
            {topic.lastPoster && topic.replyCount > 0 ? (
              <span class="card-stat card-last" title={t("theme:lastPostBy", { name: topic.lastPoster.name || topic.lastPoster.username })}>
                <Avatar user={topic.lastPoster} size={22} />
                <span class="visually-hidden">{t("theme:lastPostBy", { name: topic.lastPoster.name || topic.lastPoster.username })}</span>
                <Time date={topic.lastPostedAt} />
              </span>
            ) : null}
          </span>
        </footer>
      </article>
    </li>
  );
}

/** Latest / top / unanswered, a category or a tag, as a column of cards. */
export function TopicListPage({ view }: { view: TopicListView }) {
  const { t } = useUi();
  const showCategory = !view.category || view.category.children.length > 0;
  return (
    <div class="topic-list-page social-list" data-live={view.live}>
      {view.category ? <Breadcrumbs category={view.category} isCurrent /> : null}
      <div class={`page-head${view.category ? " is-category" : ""}`} style={view.category ? `--category-color:${safeColor(view.category.color)}` : undefined}>
        <div class="page-title">
          <h1>{view.heading}</h1>
          {view.description ? <p class="page-lead">{view.description}</p> : null}
          {view.category && view.category.children.length > 0 ? <SubcategoryLinks categories={view.category.children} /> : null}
        </div>
        {view.canCreateTopic ? (
          <a class="button button-primary" href={view.newTopicHref}>
            <Icon name="plus" /> {t("nav.newTopic")}
          </a>
        ) : null}
      </div>
      <SortTabs view={view} />
      <LiveBanner />
      {view.list.topics.length === 0 ? (
        <p class="empty">{t("topic.noTopics")}</p>
      ) : (
        <ul class="topic-cards">
          {view.list.topics.map((topic) => (
            <TopicCard key={topic.id} topic={topic} showCategory={showCategory} />
          ))}
        </ul>
      )}
      <Pager base={view.base} page={view.list.page} hasMore={view.list.hasMore} />
    </div>
  );
}

/** A topic as a conversation: the opening post as a card, then the replies as a thread. */
export function TopicPage({ view }: { view: TopicView }) {
  const { t, hooks, fmt } = useUi();
  const { topic } = view.page;
  return (
    <div class="topic-page social-topic" data-topic-id={topic.id} data-live={`topic:${topic.id}`}>
      <Breadcrumbs category={topic.category} />
      <header class="topic-header" style={`--category-color:${safeColor(topic.category.color)}`}>
        <div class="topic-header-top">
          <CategoryBadge category={topic.category} />
          <TagList tags={topic.tags} />
        </div>
        <h1>
          <TopicFlags pinned={topic.pinned} locked={topic.locked} />
          {topic.title}
        </h1>
        <div class="topic-meta">
          <span class="topic-meta-stat">
            <Icon name="chat" size={14} /> {t("feed.replies", { count: topic.replyCount })}
          </span>
          <span class="topic-meta-stat">
            <Icon name="eye" size={14} /> {t("theme:viewCount", { count: topic.viewCount, formatted: fmt.number(topic.viewCount) })}
          </span>
          <span class="topic-meta-stat">
            <Icon name="clock" size={14} /> <Time date={topic.lastPostedAt} />
          </span>
        </div>
        {topic.deleted ? <p class="alert alert-error">{t("topic.deletedNotice")}</p> : null}
        {hooks.renderSlot("topic.header", { topicId: topic.id })}
      </header>
      <TopicBelowHeader view={view} />
      <div class="posts conversation" data-posts>
        {view.page.posts.map((p) => [
          <PostView key={p.id} post={p} topic={topic} canReply={view.page.can.reply} />,
          p.postNumber === 1 ? (
            <h2 key="replies" class="replies-heading">
              {t("feed.replies", { count: topic.replyCount })}
            </h2>
          ) : null,
        ])}
      </div>
      <Pager base={topic.url} page={view.page.page} hasMore={view.page.page < view.page.pageCount} pageCount={view.page.pageCount} />
      <div class="live-status" aria-live="polite" data-live-status data-msg={t("topic.newReplyLive")} />
      <Composer page={view.page} state={view.composer} />
    </div>
  );
}
