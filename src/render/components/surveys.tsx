import type { Group } from "../../domain/community/types.js";
import { QUESTION_KINDS, SURVEY_STATUSES } from "../../domain/surveys/policy.js";
import type { Question } from "../../domain/surveys/repo.js";
import type { QuestionResult, SurveyPage, SurveyResults, SurveySummary } from "../../domain/surveys/queries/surveys.js";
import { useUi } from "../ui.js";
import { Csrf, Field, FormError } from "./common.js";
import { Icon } from "./icons.js";

function StatusPill({ status }: { status: string }) {
  const { t } = useUi();
  return <span class={`badge survey-status survey-status-${status}`}>{t(`surveys:status.${status}`)}</span>;
}

/** `/surveys`: the surveys the reader may answer (and, for staff, every survey with its results). */
export function SurveyListPage({ surveys, canManage }: { surveys: SurveySummary[]; canManage: boolean }) {
  const { t, fmt } = useUi();
  return (
    <section class="survey-list-page">
      <header class="page-head">
        <div>
          <h1>{t("surveys:title")}</h1>
          <p class="page-lead">{t("surveys:lead")}</p>
        </div>
        {canManage ? (
          <div class="page-head-actions">
            <a class="button button-primary" href="/surveys/new">
              <Icon name="plus" size={16} /> {t("surveys:new")}
            </a>
          </div>
        ) : null}
      </header>
      {surveys.length === 0 ? (
        <p class="empty">{t("surveys:none")}</p>
      ) : (
        <ul class="survey-cards">
          {surveys.map(({ survey, respondedAt }) => (
            <li key={survey.id} class="survey-card">
              <h2 class="survey-card-title">
                <a href={`/surveys/${survey.id}`}>{survey.title}</a>
              </h2>
              {survey.description ? <p class="survey-card-description">{survey.description}</p> : null}
              <p class="survey-card-meta">
                <StatusPill status={survey.status} />
                {respondedAt ? (
                  <span>
                    <Icon name="check" size={14} /> {t("surveys:take.responded", { date: fmt.date(respondedAt) })}
                  </span>
                ) : null}
                {canManage ? (
                  <>
                    <span>{t("surveys:responses", { count: survey.responseCount })}</span>
                    <a href={`/surveys/${survey.id}/results`}>{t("surveys:results.link")}</a>
                    <a href={`/surveys/${survey.id}/edit`}>{t("surveys:builder.editTitle")}</a>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One question's inputs, named `a.<questionId>`, keeping what was chosen or typed. */
function QuestionInput({ q, value, error }: { q: Question; value: string[]; error?: string }) {
  const { t } = useUi();
  const name = `a.${q.id}`;
  const id = `q-${q.id}`;
  const hint = q.kind === "multiple" ? t("surveys:take.chooseMany") : undefined;
  const legend = (
    <legend>
      {q.prompt} <span class="survey-required">{t(q.required ? "surveys:take.required" : "surveys:take.optional")}</span>
    </legend>
  );
  const errorLine = error ? (
    <p class="field-error" id={`${id}-error`} role="alert">
      {error}
    </p>
  ) : null;
  if (q.kind === "text") {
    return (
      <div class={`field survey-question${error ? " has-error" : ""}`}>
        <label for={id}>
          {q.prompt} <span class="survey-required">{t(q.required ? "surveys:take.required" : "surveys:take.optional")}</span>
        </label>
        <textarea id={id} name={name} rows={4} maxLength={2000} required={q.required} aria-invalid={error ? "true" : undefined} aria-describedby={error ? `${id}-error` : undefined}>
          {value[0] ?? ""}
        </textarea>
        {errorLine}
      </div>
    );
  }
  const scale = q.kind === "rating" ? [1, 2, 3, 4, 5] : q.kind === "nps" ? Array.from({ length: 11 }, (_, i) => i) : null;
  return (
    <fieldset class={`survey-question survey-${q.kind}${error ? " has-error" : ""}`} aria-describedby={error ? `${id}-error` : undefined}>
      {legend}
      {hint ? <p class="field-hint">{hint}</p> : null}
      {scale ? (
        <>
          <div class="survey-scale" role="radiogroup">
            {scale.map((n) => (
              <label key={n} class="survey-scale-choice">
                <input type="radio" name={name} value={String(n)} checked={value[0] === String(n)} required={q.required} />
                <span>{n}</span>
              </label>
            ))}
          </div>
          <p class="survey-scale-ends" aria-hidden="true">
            <span>{t(q.kind === "rating" ? "surveys:take.ratingLow" : "surveys:take.npsLow")}</span>
            <span>{t(q.kind === "rating" ? "surveys:take.ratingHigh" : "surveys:take.npsHigh")}</span>
          </p>
        </>
      ) : (
        <div class="survey-options">
          {q.options.map((label, i) => (
            <label key={i} class="survey-option">
              <input type={q.kind === "single" ? "radio" : "checkbox"} name={name} value={String(i)} checked={value.includes(String(i))} required={q.kind === "single" && q.required} />
              <span>{label}</span>
            </label>
          ))}
        </div>
      )}
      {errorLine}
    </fieldset>
  );
}

/** `/surveys/:id`: the questions as one form, or why the reader cannot answer. */
export function SurveyTakePage({ page, values, errors, error }: { page: SurveyPage; values: Record<string, string[]>; errors: Record<string, string>; error?: string }) {
  const { t, fmt, viewer, path } = useUi();
  const { survey } = page;
  let notice = null;
  if (page.respondedAt) notice = <div class="alert alert-success">{t("surveys:take.responded", { date: fmt.date(page.respondedAt) })}</div>;
  else if (survey.status === "closed") notice = <div class="alert">{t("surveys:take.closed")}</div>;
  else if (!viewer && survey.status === "open")
    notice = (
      <p>
        <a class="button button-primary" href={`/login?next=${encodeURIComponent(path)}`}>
          {t("surveys:take.loginToRespond")}
        </a>
      </p>
    );
  else if (!page.canRespond && survey.status === "open") notice = <div class="alert">{t("surveys:take.notForYou")}</div>;
  return (
    <section class="form-page survey-page">
      <p>
        <a href="/surveys">← {t("surveys:title")}</a>
      </p>
      <h1>{survey.title}</h1>
      <p class="survey-card-meta">
        <StatusPill status={survey.status} /> <span>{t("surveys:questions", { count: page.questions.length })}</span>
        {page.canManage ? (
          <>
            <a href={`/surveys/${survey.id}/results`}>{t("surveys:results.link")}</a>
            <a href={`/surveys/${survey.id}/edit`}>{t("surveys:builder.editTitle")}</a>
          </>
        ) : null}
      </p>
      {survey.description ? <p class="page-lead survey-description">{survey.description}</p> : null}
      {notice}
      {page.canRespond ? (
        <form method="post" action={`/surveys/${survey.id}`} class="stacked-form survey-form">
          <Csrf />
          <FormError message={error} />
          {page.questions.map((q) => (
            <QuestionInput key={q.id} q={q} value={values[`a.${q.id}`] ?? []} error={errors[`answers.${q.id}`]} />
          ))}
          <div class="form-actions">
            <button type="submit" class="button button-primary">
              {t("surveys:take.submit")}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** The builder's form: title, introduction, status, audience and question slots (`q.<n>.*`). */
export interface BuilderForm {
  values: Record<string, string>;
  groupIds: string[];
  errors: Record<string, string>;
  slots: number;
}

export function SurveyBuilderPage({ id, form, groups, locked, error }: { id: number | null; form: BuilderForm; groups: Group[]; locked: boolean; error?: string }) {
  const { t } = useUi();
  const v = form.values;
  const e = form.errors;
  return (
    <section class="form-page survey-builder">
      <p>
        <a href="/surveys">← {t("surveys:title")}</a>
      </p>
      <h1>{t(id ? "surveys:builder.editTitle" : "surveys:builder.newTitle")}</h1>
      <FormError message={error} />
      <form method="post" action={id ? `/surveys/${id}/edit` : "/surveys/new"} class="stacked-form">
        <Csrf />
        <Field name="title" label={t("surveys:builder.titleField")} value={v.title} error={e.title} required maxLength={200} />
        <Field name="description" label={t("surveys:builder.description")} value={v.description} error={e.description} multiline rows={3} maxLength={2000} hint={t("surveys:builder.descriptionHint")} />
        <Field name="status" label={t("surveys:builder.status")} error={e.status} hint={t("surveys:builder.statusHint")}>
          <select id="f-status" name="status">
            {SURVEY_STATUSES.map((s) => (
              <option key={s} value={s} selected={(v.status || "draft") === s}>
                {t(`surveys:status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <fieldset class="survey-groups">
          <legend>{t("surveys:builder.groups")}</legend>
          <p class="field-hint">{t("surveys:builder.groupsHint")}</p>
          {groups.map((g) => (
            <label key={g.id} class="admin-check">
              <input type="checkbox" name="groupIds" value={String(g.id)} checked={form.groupIds.includes(String(g.id))} /> {g.name}
            </label>
          ))}
          {e.groupIds ? <p class="field-error">{e.groupIds}</p> : null}
        </fieldset>
        {locked ? <div class="alert">{t("surveys:builder.locked")}</div> : <p class="field-hint">{t("surveys:builder.emptyHint")}</p>}
        {e.questions ? <p class="field-error" role="alert">{e.questions}</p> : null}
        {Array.from({ length: form.slots }, (_, i) => (
          <fieldset key={i} class="survey-slot" disabled={locked}>
            <legend>{t("surveys:builder.question", { n: i + 1 })}</legend>
            <Field name={`q.${i}.prompt`} label={t("surveys:builder.prompt")} value={v[`q.${i}.prompt`]} error={e[`q.${i}.prompt`]} maxLength={300} />
            <Field name={`q.${i}.kind`} label={t("surveys:builder.kind")} error={e[`q.${i}.kind`]}>
              <select id={`f-q.${i}.kind`} name={`q.${i}.kind`}>
                {QUESTION_KINDS.map((k) => (
                  <option key={k} value={k} selected={(v[`q.${i}.kind`] || "single") === k}>
                    {t(`surveys:kind.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field name={`q.${i}.options`} label={t("surveys:builder.options")} value={v[`q.${i}.options`]} error={e[`q.${i}.options`]} multiline rows={3} hint={t("surveys:builder.optionsHint")} />
            <input type="hidden" name={`q.${i}.required`} value="off" />
            <label class="admin-check">
              <input type="checkbox" name={`q.${i}.required`} value="on" checked={v[`q.${i}.required`] !== "off"} /> {t("surveys:builder.required")}
            </label>
          </fieldset>
        ))}
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            {t("surveys:builder.save")}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A horizontal bar with its count and share (plain HTML and CSS: readable without JavaScript and by screen readers). */
function Bars({ rows, total, caption }: { rows: Array<{ label: string; count: number; tone?: string }>; total: number; caption: string }) {
  const { fmt } = useUi();
  return (
    <table class="result-bars">
      <caption class="visually-hidden">{caption}</caption>
      <tbody>
        {rows.map((r, i) => {
          const pct = total ? Math.round((r.count / total) * 100) : 0;
          return (
            <tr key={i}>
              <th scope="row">{r.label}</th>
              <td class="result-bar-cell">
                <span class="result-bar" aria-hidden="true">
                  <span class={`result-bar-fill${r.tone ? ` tone-${r.tone}` : ""}`} style={`width:${pct}%`} />
                </span>
              </td>
              <td class="num">
                {fmt.number(r.count)} <span class="result-pct">({pct}%)</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function QuestionResultView({ q, r }: { q: Question; r: QuestionResult }) {
  const { t, fmt } = useUi();
  let body;
  if (r.answered === 0) body = <p class="field-hint">{t("surveys:results.noAnswers")}</p>;
  else if (r.kind === "single" || r.kind === "multiple") body = <Bars rows={r.options.map((o) => ({ label: o.label, count: o.count }))} total={r.answered} caption={q.prompt} />;
  else if (r.kind === "rating")
    body = (
      <>
        <p class="result-figure">{t("surveys:results.average", { average: fmt.number(Math.round((r.average ?? 0) * 10) / 10) })}</p>
        <Bars rows={[5, 4, 3, 2, 1].map((n) => ({ label: String(n), count: r.distribution[n - 1] }))} total={r.answered} caption={q.prompt} />
      </>
    );
  else if (r.kind === "nps")
    body = (
      <>
        <p class="result-figure">{t("surveys:results.nps", { score: r.score === null ? "–" : (r.score > 0 ? "+" : "") + fmt.number(r.score) })}</p>
        <p class="field-hint">{t("surveys:results.npsParts", { promoters: r.promoters, passives: r.passives, detractors: r.detractors })}</p>
        <Bars rows={r.distribution.map((count, n) => ({ label: String(n), count, tone: n >= 9 ? "good" : n >= 7 ? "mid" : "bad" })).reverse()} total={r.answered} caption={q.prompt} />
      </>
    );
  else if (r.kind === "text")
    body = (
      <>
        <h4 class="result-subhead">{t("surveys:results.latest")}</h4>
        <ul class="result-texts">
          {r.latest.map((a, i) => (
            <li key={i}>
              <p>{a.text}</p>
              <span class="field-hint">{fmt.date(a.at)}</span>
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <section class="result-question">
      <h3>
        {q.prompt} <span class="badge">{t(`surveys:kind.${q.kind}`)}</span>
      </h3>
      <p class="field-hint">{t("surveys:results.answered", { count: r.answered })}</p>
      {body}
    </section>
  );
}

/** `/surveys/:id/results` (staff): per question charts, NPS, responses per day, the CSV. */
export function SurveyResultsPage({ results }: { results: SurveyResults }) {
  const { t, fmt } = useUi();
  const max = Math.max(1, ...results.timeline.map((d) => d.count));
  return (
    <section class="survey-results">
      <p>
        <a href={`/surveys/${results.survey.id}`}>← {results.survey.title}</a>
      </p>
      <header class="page-head">
        <div>
          <h1>
            {t("surveys:results.title")}: {results.survey.title}
          </h1>
          <p class="page-lead">
            <StatusPill status={results.survey.status} /> {t("surveys:results.total", { count: results.total })}
          </p>
        </div>
        <div class="page-head-actions">
          <a class="button" href={`/surveys/${results.survey.id}/results.csv`} download>
            <Icon name="file" size={16} /> {t("surveys:results.csv")}
          </a>
        </div>
      </header>
      {results.timeline.length > 0 ? (
        <section class="result-question">
          <h3>{t("surveys:results.timeline")}</h3>
          <table class="timeline" style={`--days:${results.timeline.length}`}>
            <caption class="visually-hidden">{t("surveys:results.timeline")}</caption>
            <tbody>
              <tr class="timeline-bars">
                {results.timeline.map((d) => (
                  <td key={d.day} title={`${d.day}: ${d.count}`}>
                    <span class="timeline-bar" style={`height:${Math.round((d.count / max) * 100)}%`} aria-hidden="true" />
                    <span class="visually-hidden">
                      {fmt.date(new Date(`${d.day}T12:00:00Z`))}: {d.count}
                    </span>
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
          <p class="timeline-ends field-hint" style={`--days:${results.timeline.length}`}>
            <span>{fmt.date(new Date(`${results.timeline[0].day}T12:00:00Z`))}</span>
            <span>{fmt.date(new Date(`${results.timeline.at(-1)!.day}T12:00:00Z`))}</span>
          </p>
        </section>
      ) : null}
      {results.questions.map(({ question, result }) => (
        <QuestionResultView key={question.id} q={question} r={result} />
      ))}
    </section>
  );
}
