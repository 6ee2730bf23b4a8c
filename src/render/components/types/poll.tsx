import type { PollView } from "../../../domain/polls/pollExtension.js";
import { MAX_POLL_OPTIONS, POLL_RESULTS } from "../../../domain/polls/policy.js";
import { useUi } from "../../ui.js";
import { Csrf, Field, Time } from "../common.js";
import { Icon } from "../icons.js";
import { registerPostExtensionUi } from "./registry.js";

const DURATIONS = [24, 72, 168, 336, 720] as const;

/** The results: a bar per option with its share, the reader's choices marked. */
function PollResultsView({ poll }: { poll: PollView }) {
  const { t, fmt } = useUi();
  const total = poll.options.reduce((n, o) => n + (o.votes ?? 0), 0);
  return (
    <ul class="poll-results">
      {poll.options.map((o) => {
        const votes = o.votes ?? 0;
        const pct = total ? Math.round((votes / total) * 100) : 0;
        const mine = poll.myChoices.includes(o.id);
        return (
          <li key={o.id} class={mine ? "poll-result poll-result-mine" : "poll-result"}>
            <div class="poll-result-label">
              <span>
                {mine ? <Icon name="check" size={14} /> : null} {o.label}
                {mine ? <span class="visually-hidden"> ({t("polls:yourChoice")})</span> : null}
              </span>
              <span class="poll-result-count">
                {pct}% · {t("polls:votes", { count: votes, formatted: fmt.number(votes) })}
              </span>
            </div>
            <span class="poll-bar" aria-hidden="true">
              <span class="poll-bar-fill" style={`width:${pct}%`} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** The options as radio buttons (single choice) or checkboxes (multiple), and the submit button. */
function Ballot({ poll, next, submit, primary }: { poll: PollView; next: string; submit: string; primary?: boolean }) {
  return (
    <form method="post" action={`/polls/${poll.id}/vote`} class="poll-ballot">
      <Csrf />
      <input type="hidden" name="next" value={next} />
      <fieldset>
        <legend class="visually-hidden">{poll.question}</legend>
        {poll.options.map((o) => (
          <label key={o.id} class="poll-option">
            <input type={poll.multiple ? "checkbox" : "radio"} name="option" value={String(o.id)} checked={poll.myChoices.includes(o.id)} required={!poll.multiple} /> {o.label}
          </label>
        ))}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class={primary ? "button button-primary button-small" : "button button-small"}>{submit}</button>
      </div>
    </form>
  );
}

/** A poll under a post: the ballot while the reader may vote, else (or after voting) the results. */
function PollBox({ data: poll, topicUrl }: { postId: number; data: PollView; topicUrl: string }) {
  const { t, fmt, viewer, path } = useUi();
  const voted = poll.myChoices.length > 0;
  const ballot = poll.canVote && (!voted || !poll.showResults);
  const next = path.startsWith("/t/") ? path : topicUrl;
  return (
    <section class={`poll${poll.closed ? " poll-closed" : ""}`} aria-labelledby={`poll-${poll.id}-q`} data-poll-id={poll.id}>
      <h3 class="poll-question" id={`poll-${poll.id}-q`}>
        <Icon name="poll" size={16} /> {poll.question}
      </h3>
      {ballot ? (
        <Ballot poll={poll} next={next} submit={t(voted ? "polls:change" : "polls:vote")} primary />
      ) : poll.showResults ? (
        <PollResultsView poll={poll} />
      ) : (
        <ul class="poll-hidden-options">
          {poll.options.map((o) => (
            <li key={o.id}>{o.label}</li>
          ))}
        </ul>
      )}
      {!poll.showResults ? <p class="field-hint">{t(poll.results === "after_close" ? "polls:hiddenUntilClose" : "polls:hiddenUntilVote")}</p> : null}
      <p class="poll-meta">
        <span>{t("polls:voters", { count: poll.voters, formatted: fmt.number(poll.voters) })}</span>
        {poll.multiple ? <span>{t("polls:multipleHint")}</span> : null}
        {poll.closesAt ? (
          <span>
            {t(poll.closed ? "polls:closedAt" : "polls:closesAt")} <Time date={poll.closesAt} />
          </span>
        ) : null}
        {poll.closed ? <span class="badge">{t("polls:closed")}</span> : null}
      </p>
      <div class="poll-actions">
        {poll.canVote && voted && poll.showResults ? (
          <details class="poll-change">
            <summary>{t("polls:change")}</summary>
            <Ballot poll={poll} next={next} submit={t("polls:save")} />
          </details>
        ) : null}
        {poll.canVote && voted ? (
          <form method="post" action={`/polls/${poll.id}/unvote`} class="inline-form">
            <Csrf />
            <input type="hidden" name="next" value={next} />
            <button type="submit" class="link-button">{t("polls:withdraw")}</button>
          </form>
        ) : null}
        {poll.canClose ? (
          <form method="post" action={`/polls/${poll.id}/close`} class="inline-form">
            <Csrf />
            <input type="hidden" name="next" value={next} />
            <button type="submit" class="link-button">{t("polls:closeNow")}</button>
          </form>
        ) : null}
        {!viewer && !poll.closed ? (
          <a href={`/login?next=${encodeURIComponent(next)}`}>{t("polls:loginToVote")}</a>
        ) : null}
      </div>
    </section>
  );
}

/** Polls: the box under a post, and the "Add a poll" section of the composers. */
registerPostExtensionUi("poll", {
  View: PollBox,
  Fields({ form }) {
    const { t } = useUi();
    const v = (k: string) => form.values[`poll.${k}`] ?? "";
    const e = (k: string) => form.errors[`poll.${k}`];
    const open = Boolean(v("question") || v("options") || Object.keys(form.errors).some((k) => k.startsWith("poll.")));
    return (
      <details class="composer-extension poll-fields" open={open}>
        <summary>
          <Icon name="poll" size={16} /> {t("polls:fields.summary")}
        </summary>
        <Field name="poll.question" label={t("polls:fields.question")} value={v("question")} error={e("question")} maxLength={300} />
        <Field name="poll.options" label={t("polls:fields.options")} value={v("options")} error={e("options")} multiline rows={4} hint={t("polls:fields.optionsHint", { max: MAX_POLL_OPTIONS })} />
        <label class="admin-check">
          <input type="checkbox" name="poll.multiple" value="on" checked={v("multiple") === "on"} /> {t("polls:fields.multiple")}
        </label>
        <Field name="poll.results" label={t("polls:fields.results")} error={e("results")}>
          <select id="f-poll.results" name="poll.results">
            {POLL_RESULTS.map((r) => (
              <option key={r} value={r} selected={(v("results") || "after_vote") === r}>
                {t(`polls:fields.resultsChoice.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="poll.duration" label={t("polls:fields.duration")} error={e("duration") ?? e("closesAt")}>
          <select id="f-poll.duration" name="poll.duration">
            <option value="">{t("polls:fields.noEnd")}</option>
            {DURATIONS.map((h) => (
              <option key={h} value={String(h)} selected={v("duration") === String(h)}>
                {t(`polls:fields.durationChoice.${h}`)}
              </option>
            ))}
          </select>
        </Field>
      </details>
    );
  },
});
