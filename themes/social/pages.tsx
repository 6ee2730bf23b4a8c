import { Avatar, CategoryBadge, Pager, Time, UserLink } from "../../src/render/components/common.js";
import type { HomeView } from "../../src/render/theme.js";
import { useUi } from "../../src/render/ui.js";

/** The feed: every recent post the reader may see, newest first. */
export function HomePage({ view }: { view: HomeView }) {
  const { t } = useUi();
  const feed = view.feed ?? { items: [], page: 1, hasMore: false };
  return (
    <div class="home home-social" data-live="latest">
      <div class="page-head">
        <h1>{t("home.feed")}</h1>
        {view.canCreateTopic ? (
          <a class="button button-primary" href="/new-topic">
            {t("nav.newTopic")}
          </a>
        ) : null}
      </div>
      <div class="live-banner" hidden data-live-banner data-template={t("list.newActivityN")}>
        <a href="">{t("list.newActivity")}</a>
      </div>
      {feed.items.length === 0 ? <p class="empty">{t("topic.noTopics")}</p> : null}
      <ol class="feed">
        {feed.items.map((item) => (
          <li key={item.postId} class="feed-item">
            <Avatar user={item.author} size={44} />
            <article class="feed-card">
              <header>
                <UserLink user={item.author} />
                <span class="feed-action">{item.postNumber === 1 ? t("feed.started") : t("feed.replied")}</span>
                <a href={item.topic.url}>{item.topic.title}</a>
                <Time date={item.createdAt} />
              </header>
              <div class="cooked feed-body" dangerouslySetInnerHTML={{ __html: item.cooked }} />
              <footer>
                <CategoryBadge category={item.category} />
                <a href={`${item.topic.url}#post-${item.postNumber}`}>{t("feed.replies", { count: item.topic.replyCount })}</a>
              </footer>
            </article>
          </li>
        ))}
      </ol>
      <Pager base="/" page={feed.page} hasMore={feed.hasMore} />
    </div>
  );
}
