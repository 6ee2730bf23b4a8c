import { IDEA_STATUSES, type IdeaStatus } from "../../../domain/ideas/policy.js";
import { useUi } from "../../ui.js";
import { Csrf, Time, UserLink } from "../common.js";
import { Icon } from "../icons.js";
import { registerTopicTypeUi } from "./registry.js";

/** An idea's status as a coloured label. */
export function IdeaStatusPill({ status }: { status: IdeaStatus }) {
  const { t } = useUi();
  return <span class={`badge idea-status idea-status-${status}`}>{t(`ideas:status.${status}`)}</span>;
}

/** The vote count with the vote / withdraw button (a form: works without JavaScript). */
export function IdeaVote(props: { topicId: number; votes: number; voted: boolean; canVote: boolean; closed: boolean; next: string; compact?: boolean }) {
  const { t, viewer } = useUi();
  const count = (
    <span class="idea-vote-count">
      <strong>{props.votes}</strong> <span>{t("ideas:votes", { count: props.votes })}</span>
    </span>
  );
  let action = null;
  if (props.voted || props.canVote) {
    // One form: withdraw when the reader has voted, vote otherwise.
    const voted = props.voted;
    action = (
      <form method="post" action={`/t/${props.topicId}/${voted ? "unvote" : "vote"}`} class="inline-form">
        <Csrf />
        <input type="hidden" name="next" value={props.next} />
        <button type="submit" class={voted ? "button idea-voted" : "button button-primary idea-vote-button"} aria-pressed={voted ? "true" : "false"}>
          <Icon name={voted ? "check" : "vote"} size={15} /> {t(voted ? "ideas:vote.voted" : "ideas:vote.vote")}
        </button>
      </form>
    );
  } else if (!viewer && !props.closed) {
    action = (
      <a class="button" href={`/login?next=${encodeURIComponent(props.next)}`}>
        {t("ideas:vote.loginToVote")}
      </a>
    );
  } else if (props.closed) {
    action = <span class="field-hint">{t("ideas:vote.closed")}</span>;
  }
  return (
    <div class={props.compact ? "idea-vote idea-vote-compact" : "idea-vote"}>
      {count}
      {action}
    </div>
  );
}

/** Ideas: votes and status under the idea, staff's responses, the status form for staff. */
registerTopicTypeUi("idea", {
  Block({ view }) {
    const { t, path } = useUi();
    const data = view.page.typeData;
    if (data?.type !== "idea") return null;
    const topic = view.page.topic;
    const closed = data.status === "done" || data.status === "declined";
    const latest = data.history.find((h) => h.responseHtml);
    return (
      <aside class={`idea-box idea-box-${data.status}`} aria-label={t("ideas:block.label")}>
        <div class="idea-box-main">
          <IdeaVote topicId={topic.id} votes={data.votes} voted={data.voted} canVote={data.canVote} closed={closed} next={path} />
          <div class="idea-box-status">
            <span class="idea-box-status-label">{t("ideas:block.status")}</span> <IdeaStatusPill status={data.status} />
            {data.voteLimit > 0 && (data.canVote || data.voted) ? <p class="field-hint">{t("ideas:block.votesUsed", { used: data.openVotes, limit: data.voteLimit })}</p> : null}
          </div>
        </div>
        {latest ? (
          <section class="idea-response">
            <h2 class="idea-response-heading">
              {t("ideas:block.response")} <IdeaStatusPill status={latest.status} />
            </h2>
            <div class="cooked" dangerouslySetInnerHTML={{ __html: latest.responseHtml }} />
            <p class="idea-response-meta">
              {latest.by ? <UserLink user={latest.by} /> : null} · <Time date={latest.at} />
            </p>
          </section>
        ) : null}
        {data.history.length > 0 ? (
          <details class="idea-history">
            <summary>{t("ideas:block.history", { count: data.history.length })}</summary>
            <ol>
              {data.history.map((h, i) => (
                <li key={i}>
                  <Time date={h.at} /> · {t(`ideas:status.${h.previousStatus}`)} → <IdeaStatusPill status={h.status} />
                  {h.by ? <> · <UserLink user={h.by} /></> : null}
                  {h.responseHtml ? <div class="cooked" dangerouslySetInnerHTML={{ __html: h.responseHtml }} /> : null}
                </li>
              ))}
            </ol>
          </details>
        ) : null}
        {data.canSetStatus ? <IdeaStatusForm topicId={topic.id} status={data.status} response="" /> : null}
      </aside>
    );
  },
  Badge({ topic }) {
    const { t } = useUi();
    const s = topic.typeSummary;
    if (s?.type !== "idea") return null;
    return (
      <>
        <span class={s.voted ? "badge badge-votes badge-voted" : "badge badge-votes"} title={t("ideas:votes", { count: s.votes })}>
          <Icon name="vote" size={12} /> {s.votes}
          <span class="visually-hidden"> {t("ideas:votes", { count: s.votes })}</span>
        </span>
        <IdeaStatusPill status={s.status} />
      </>
    );
  },
});

/** Staff's status form: the new status and a public response (Markdown). */
export function IdeaStatusForm(props: { topicId: number; status: string; response: string; error?: string; fieldError?: string; open?: boolean }) {
  const { t } = useUi();
  return (
    <details class="idea-status-form" open={props.open}>
      <summary>{t("ideas:form.summary")}</summary>
      <form method="post" action={`/t/${props.topicId}/idea-status`} class="stacked-form">
        <Csrf />
        {props.error ? <div class="alert alert-error" role="alert">{props.error}</div> : null}
        <label for={`idea-status-${props.topicId}`}>{t("ideas:form.status")}</label>
        <select id={`idea-status-${props.topicId}`} name="status">
          {IDEA_STATUSES.map((s) => (
            <option key={s} value={s} selected={s === props.status}>
              {t(`ideas:status.${s}`)}
            </option>
          ))}
        </select>
        <label for={`idea-response-${props.topicId}`}>{t("ideas:form.response")}</label>
        <textarea
          id={`idea-response-${props.topicId}`}
          name="response"
          rows={4}
          maxLength={10000}
          aria-invalid={props.fieldError ? "true" : undefined}
          aria-describedby={props.fieldError ? `idea-response-${props.topicId}-error` : `idea-response-${props.topicId}-hint`}
        >
          {props.response}
        </textarea>
        {props.fieldError ? (
          <p class="field-error" id={`idea-response-${props.topicId}-error`}>
            {props.fieldError}
          </p>
        ) : (
          <p class="field-hint" id={`idea-response-${props.topicId}-hint`}>
            {t("ideas:form.responseHint")}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            {t("ideas:form.submit")}
          </button>
        </div>
      </form>
    </details>
  );
}
