import type { TopicList } from "../../domain/content/queries/listTopics.js";
import type { TopicListItem } from "../../domain/content/types.js";
import type { IdeaStatus } from "../../domain/ideas/policy.js";
import type { IdeaSort, RoadmapColumn } from "../../domain/ideas/queries/ideaBoard.js";
import { useUi } from "../ui.js";
import { Avatar, CategoryBadge, Pager, Time, UserLink } from "./common.js";
import { Icon } from "./icons.js";
import { IdeaStatusPill, IdeaVote } from "./types/idea.js";

export interface IdeaBoardView {
  sort: IdeaSort;
  status: IdeaStatus | null;
  sorts: Array<{ sort: IdeaSort; href: string }>;
  statuses: Array<{ status: IdeaStatus | null; href: string }>;
  base: string;
  list: TopicList;
  newIdeaHref: string | null;
  /** Who may vote from the board (signed in and allowed to write). */
  canVote: boolean;
}

/** One idea on the board: its votes (with the button), title, status and excerpt. */
function IdeaCard({ idea, canVote, next }: { idea: TopicListItem; canVote: boolean; next: string }) {
  const { t, fmt } = useUi();
  const s = idea.typeSummary?.type === "idea" ? idea.typeSummary : { status: "new" as const, votes: 0, voted: false };
  const closed = s.status === "done" || s.status === "declined";
  return (
    <li class="idea-card" data-topic-id={idea.id}>
      <IdeaVote topicId={idea.id} votes={s.votes} voted={s.voted} canVote={canVote && !closed && !idea.locked} closed={closed} next={next} compact />
      <div class="idea-card-main">
        <h3 class="idea-card-title">
          <a href={idea.url}>{idea.title}</a> <IdeaStatusPill status={s.status} />
        </h3>
        {idea.excerpt ? <p class="topic-row-excerpt">{idea.excerpt}</p> : null}
        <div class="topic-row-meta">
          <CategoryBadge category={idea.category} />
          <span class="topic-row-author">
            <Avatar user={idea.author} size={20} /> <UserLink user={idea.author} />
          </span>
          <span>
            <Icon name="chat" size={14} /> {t("ideas:board.comments", { count: idea.replyCount, formatted: fmt.number(idea.replyCount) })}
          </span>
          <Time date={idea.createdAt} />
        </div>
      </div>
    </li>
  );
}

/** `/ideas`: every idea the reader may see, by votes, newest or activity, filtered by status. */
export function IdeaBoardPage({ view }: { view: IdeaBoardView }) {
  const { t, path } = useUi();
  return (
    <section class="idea-board">
      <header class="page-head">
        <div class="page-title">
        <h1>
          <Icon name="idea" size={24} /> {t("ideas:board.title")}
        </h1>
        <p class="page-lead">{t("ideas:board.lead")}</p>
        </div>
        <div class="page-head-actions">
          <a class="button" href="/roadmap">
            <Icon name="roadmap" size={16} /> {t("ideas:roadmap.title")}
          </a>
          {view.newIdeaHref ? (
            <a class="button button-primary" href={view.newIdeaHref}>
              <Icon name="plus" size={16} /> {t("ideas:board.newIdea")}
            </a>
          ) : null}
        </div>
      </header>
      <nav class="tabs" aria-label={t("ideas:board.sortLabel")}>
        {view.sorts.map((s) => (
          <a key={s.sort} href={s.href} aria-current={s.sort === view.sort ? "page" : undefined}>
            {t(`ideas:board.sort.${s.sort}`)}
          </a>
        ))}
      </nav>
      <nav class="tabs tabs-filter" aria-label={t("ideas:board.statusLabel")}>
        {view.statuses.map((s) => (
          <a key={s.status ?? "all"} href={s.href} aria-current={s.status === view.status ? "page" : undefined}>
            {s.status ? t(`ideas:status.${s.status}`) : t("ideas:board.allStatuses")}
          </a>
        ))}
      </nav>
      {view.list.topics.length === 0 ? (
        <p class="empty">{t("ideas:board.empty")}</p>
      ) : (
        <ul class="idea-list">
          {view.list.topics.map((idea) => (
            <IdeaCard key={idea.id} idea={idea} canVote={view.canVote} next={path} />
          ))}
        </ul>
      )}
      <Pager base={view.base} page={view.list.page} hasMore={view.list.hasMore} />
    </section>
  );
}

/** `/roadmap`: ideas grouped by status, from under review to done. */
export function RoadmapPage({ columns }: { columns: RoadmapColumn[] }) {
  const { t } = useUi();
  return (
    <section class="roadmap">
      <header class="page-head">
        <div class="page-title">
        <h1>
          <Icon name="roadmap" size={24} /> {t("ideas:roadmap.title")}
        </h1>
        <p class="page-lead">{t("ideas:roadmap.lead")}</p>
        </div>
        <div class="page-head-actions">
          <a class="button" href="/ideas">
            <Icon name="idea" size={16} /> {t("ideas:board.title")}
          </a>
        </div>
      </header>
      <div class="roadmap-columns">
        {columns.map((c) => (
          <section key={c.status} class={`roadmap-column roadmap-${c.status}`} aria-labelledby={`roadmap-${c.status}`}>
            <h2 id={`roadmap-${c.status}`}>
              <IdeaStatusPill status={c.status} /> <span class="roadmap-count">{c.list.topics.length}{c.list.hasMore ? "+" : ""}</span>
            </h2>
            {c.list.topics.length === 0 ? (
              <p class="empty">{t("ideas:roadmap.empty")}</p>
            ) : (
              <ol class="roadmap-items">
                {c.list.topics.map((idea) => (
                  <li key={idea.id}>
                    <a href={idea.url}>{idea.title}</a>
                    <span class="badge badge-votes">
                      <Icon name="vote" size={12} /> {idea.typeSummary?.type === "idea" ? idea.typeSummary.votes : 0}
                      <span class="visually-hidden"> {t("ideas:votes", { count: idea.typeSummary?.type === "idea" ? idea.typeSummary.votes : 0 })}</span>
                    </span>
                  </li>
                ))}
              </ol>
            )}
            {c.list.hasMore ? (
              <a class="roadmap-more" href={`/ideas?status=${c.status}`}>
                {t("ideas:roadmap.more")}
              </a>
            ) : null}
          </section>
        ))}
      </div>
    </section>
  );
}
