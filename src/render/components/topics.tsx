import { type ReplyTarget, type TopicListItem, postPage, postUrl } from "../../domain/content/types.js";
import { PostExtensionFields, PostExtensionViews, TopicTypeBadge } from "./types/parts.js";
import { topicTypeUi } from "./types/registry.js";
import type { TopicPage } from "../../domain/content/queries/getTopicPage.js";
import type { ComposerState, PostViewProps } from "../theme.js";
import { useUi } from "../ui.js";
import { Avatar, CategoryBadge, Csrf, TagList, Time, UserLink } from "./common.js";
import { Icon, TopicFlags } from "./icons.js";
import { AttachField } from "./media.js";

/** A topic in a list: title, category, tags, counts and last activity. */
export function TopicRow({ topic, showCategory = true }: { topic: TopicListItem; showCategory?: boolean }) {
  const { t, fmt } = useUi();
  return (
    <li class={`topic-row${topic.pinned ? " is-pinned" : ""}`} data-topic-id={topic.id}>
      <div class="topic-row-main">
        <h3 class="topic-row-title">
          <TopicFlags pinned={topic.pinned} locked={topic.locked} />
          <a href={topic.url}>{topic.title}</a>
          <TopicTypeBadge topic={topic} />
        </h3>
        <div class="topic-row-meta">
          {showCategory ? <CategoryBadge category={topic.category} /> : null}
          <TagList tags={topic.tags} />
          <span class="topic-row-author">
            <Avatar user={topic.author} size={20} /> <UserLink user={topic.author} />
          </span>
        </div>
        {topic.excerpt ? <p class="topic-row-excerpt">{topic.excerpt}</p> : null}
      </div>
      <dl class="topic-row-stats">
        <div class={topic.replyCount === 0 ? "stat stat-zero" : "stat"}>
          <dt>{t("topic.replies")}</dt>
          <dd>{fmt.number(topic.replyCount)}</dd>
        </div>
        <div class="stat">
          <dt>{t("topic.views")}</dt>
          <dd>{fmt.number(topic.viewCount)}</dd>
        </div>
        <div class="stat stat-activity">
          <dt>{t("topic.activity")}</dt>
          <dd>
            <Time date={topic.lastPostedAt} />
          </dd>
        </div>
      </dl>
    </li>
  );
}

export function TopicRows({ topics, showCategory = true, empty }: { topics: TopicListItem[]; showCategory?: boolean; empty?: string }) {
  const { t } = useUi();
  if (topics.length === 0) return <p class="empty">{empty ?? t("topic.noTopics")}</p>;
  return (
    <ul class="topic-list">
      {topics.map((topic) => (
        <TopicRow key={topic.id} topic={topic} showCategory={showCategory} />
      ))}
    </ul>
  );
}

/**
 * A deleted post is a placeholder for most readers; moderators (who may restore it) see its text
 * dimmed with a note. Themes use these two helpers so every theme treats deleted posts alike.
 */
export const isHiddenDeleted = (post: PostViewProps["post"]): boolean => post.deleted && !post.can.restore;
export const postStateClass = (post: PostViewProps["post"]): string =>
  `${post.postNumber === 1 ? " is-first" : ""}${post.deleted ? " is-deleted is-revealed" : ""}`;

/** One post with its author, body and the actions the reader may take. */
export function PostView({ post, topic, canReply }: PostViewProps) {
  if (isHiddenDeleted(post)) return <DeletedPost post={post} />;
  return (
    <article class={`post${postStateClass(post)}`} id={`post-${post.postNumber}`} data-post-id={post.id}>
      <DeletedNote post={post} />
      <header class="post-header">
        <Avatar user={post.author} />
        <div class="post-author">
          <UserLink user={post.author} showTitle />
          <PostDate post={post} topic={topic} />
        </div>
        <span class="post-number">#{post.postNumber}</span>
      </header>
      <div class="post-body cooked" dangerouslySetInnerHTML={{ __html: post.cooked }} />
      <PostExtensionViews postId={post.id} extensions={post.extensions} topicUrl={topic.url} />
      <PostActions post={post} topic={topic} canReply={canReply} />
    </article>
  );
}

/** What is left of a deleted post (same id, so links and live updates still find it). */
export function DeletedPost({ post }: { post: PostViewProps["post"] }) {
  const { t } = useUi();
  return (
    <article class="post is-deleted" id={`post-${post.postNumber}`} data-post-id={post.id}>
      <p class="post-deleted">{t("post.deleted")}</p>
    </article>
  );
}

/** The note above a deleted post's text, shown to moderators only. */
export function DeletedNote({ post }: { post: PostViewProps["post"] }) {
  const { t } = useUi();
  return post.deleted ? <p class="post-deleted">{t("content:post.deletedModeratorNote")}</p> : null;
}

/** "in reply to @x": a link to the post this one answers (an anchor when it is on the same page). */
function ReplyToLink({ post, topic }: Omit<PostViewProps, "canReply">) {
  const { t } = useUi();
  const target = post.replyTo;
  if (!target) return null;
  const href = postPage(target.postNumber) === postPage(post.postNumber) ? `#post-${target.postNumber}` : postUrl(topic, target.postNumber);
  return (
    <a class="post-reply-to" href={href}>
      {target.username ? t("content:post.inReplyTo", { username: target.username }) : t("content:post.inReplyToNumber", { number: target.postNumber })}
    </a>
  );
}

/** The post's permalink (its time), what it replies to and, after an edit, the link to its revisions. */
export function PostDate({ post, topic, absolute = false }: Omit<PostViewProps, "canReply"> & { absolute?: boolean }) {
  const { t, fmt } = useUi();
  return (
    <>
      <a class="post-date" href={`${topic.url}#post-${post.postNumber}`}>
        {absolute ? <time datetime={post.createdAt.toISOString()}>{fmt.dateTime(post.createdAt)}</time> : <Time date={post.createdAt} />}
      </a>
      <ReplyToLink post={post} topic={topic} />
      {post.editedAt ? (
        <a class="post-edited" href={`/p/${post.id}/revisions`} title={t("content:post.history")}>
          {t("post.edited")}
        </a>
      ) : null}
    </>
  );
}

/** Reply, quote, edit, delete and restore, as far as the reader may: every theme's posts share these. */
export function PostActions({ post, topic, canReply }: PostViewProps) {
  const { t } = useUi();
  const page = postPage(post.postNumber);
  const here = `${topic.url}${page > 1 ? `?page=${page}&` : "?"}`;
  const { PostAction } = topicTypeUi(topic.type);
  return (
    <footer class="post-actions">
      {PostAction ? <PostAction post={post} topic={topic} /> : null}
      {canReply && !post.deleted ? (
        <>
          <a class="action" href={`${here}replyTo=${post.id}#reply`} data-action="reply" data-post-id={post.id}>
            <Icon name="reply" size={15} /> {t("post.reply")}
          </a>
          <a class="action" href={`${here}quote=${post.id}#reply`} data-action="quote" data-post-id={post.id}>
            <Icon name="quote" size={15} /> {t("post.quote")}
          </a>
        </>
      ) : null}
      {post.can.edit ? (
        <a class="action" href={`/p/${post.id}/edit`}>
          <Icon name="edit" size={15} /> {t("post.edit")}
        </a>
      ) : null}
      {post.can.delete ? (
        <form
          method="post"
          action={`/p/${post.id}/delete`}
          class="inline-form"
          data-confirm={post.postNumber === 1 ? t("content:post.deleteTopicConfirm") : t("post.deleteConfirm")}
        >
          <Csrf />
          <button type="submit" class="action action-danger">
            <Icon name="trash" size={15} /> {t("post.delete")}
          </button>
        </form>
      ) : null}
      {post.can.restore ? (
        <form method="post" action={`/p/${post.id}/restore`} class="inline-form">
          <Csrf />
          <button type="submit" class="action">
            {t("content:post.restore")}
          </button>
        </form>
      ) : null}
    </footer>
  );
}

/** Above the reply box: which post this reply answers, and a way to stop replying to it. */
function ReplyingTo({ target, page }: { target: ReplyTarget; page: TopicPage }) {
  const { t } = useUi();
  const cancel = `${page.topic.url}${page.page > 1 ? `?page=${page.page}` : ""}#reply`;
  return (
    <div class="composer-reply-to" data-reply-to>
      <input type="hidden" name="replyToPostId" value={String(target.postId)} />
      <span class="composer-reply-to-label">
        <span aria-hidden="true">↩ </span>
        <a href={postPage(target.postNumber) === page.page ? `#post-${target.postNumber}` : postUrl(page.topic, target.postNumber)}>
          {target.username ? t("content:composer.replyingTo", { username: target.username }) : t("content:composer.replyingToNumber", { number: target.postNumber })}
        </a>
      </span>
      <a class="composer-reply-to-cancel" href={cancel} data-cancel-reply-to title={t("content:composer.cancelReplyToLabel")} aria-label={t("content:composer.cancelReplyToLabel")}>
        {t("content:composer.cancelReplyTo")}
      </a>
    </div>
  );
}

/** The reply form at the end of a topic; without permission, a sign-in prompt or the reason. */
export function Composer({ page, state }: { page: TopicPage; state: ComposerState }) {
  const { t, viewer, path } = useUi();
  if (!page.can.reply) {
    if (!viewer) {
      return (
        <p class="composer-login" id="reply">
          <a href={`/login?next=${encodeURIComponent(path)}`}>{t("composer.loginToReply")}</a>
        </p>
      );
    }
    return (
      <p class="composer-closed" id="reply">
        {page.topic.locked ? t("composer.locked") : t("composer.cannotReply")}
      </p>
    );
  }
  return (
    <form method="post" action={`/t/${page.topic.id}/reply`} class="composer" id="reply" data-composer enctype="multipart/form-data">
      <Csrf />
      {state.replyTo ? (
        <ReplyingTo target={state.replyTo} page={page} />
      ) : state.replyToPostId ? (
        <input type="hidden" name="replyToPostId" value={String(state.replyToPostId)} />
      ) : null}
      {state.error ? (
        <div class="alert alert-error" role="alert">
          {state.error}
        </div>
      ) : null}
      <div class={`field${state.fieldError ? " has-error" : ""}`}>
        <label for="reply-body">{t("composer.yourReply")}</label>
        <textarea
          id="reply-body"
          name="body"
          rows={6}
          required
          maxLength={32000}
          aria-invalid={state.fieldError ? "true" : undefined}
          aria-describedby={state.fieldError ? "reply-body-error" : "reply-body-hint"}
        >
          {state.body}
        </textarea>
        <p class="field-hint" id="reply-body-hint">
          {t("composer.markdownHint")}
        </p>
        {state.fieldError ? (
          <p class="field-error" id="reply-body-error" role="alert">
            {state.fieldError}
          </p>
        ) : null}
      </div>
      <AttachField id="reply-files" error={state.extras?.errors.files} />
      <PostExtensionFields form={state.extras ?? { values: {}, errors: {} }} />
      <div class="form-actions">
        <button type="submit" class="button button-primary">
          {t("composer.postReply")}
        </button>
      </div>
    </form>
  );
}
