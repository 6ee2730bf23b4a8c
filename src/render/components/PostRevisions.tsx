import { type DiffLine, diffHunks, diffLines } from "../../domain/content/diff.js";
import type { PostRevisions as Revisions, PostVersion } from "../../domain/content/queries/getPostRevisions.js";
import { useUi } from "../ui.js";
import { Avatar, Notice, Time, UserLink } from "./common.js";

const MARK: Record<DiffLine["op"], string> = { same: " ", add: "+", del: "−" };

/** A line diff as a table of removed (−), added (+) and unchanged lines, long unchanged runs folded. */
function Diff({ before, after }: { before: string; after: string }) {
  const { t } = useUi();
  const hunks = diffHunks(diffLines(before, after));
  if (hunks.every((h) => h.kind === "skip")) return <p class="revision-nochange">{t("content:revisions.noTextChange")}</p>;
  return (
    <div class="diff" role="table" aria-label={t("content:revisions.bodyChange")}>
      {hunks.map((h, i) =>
        h.kind === "skip" ? (
          <div key={i} class="diff-skip" role="row">
            <span role="cell">⋯ {t("content:revisions.unchanged", { count: h.count })}</span>
          </div>
        ) : (
          h.lines.map((l, j) => (
            <div key={`${i}-${j}`} class={`diff-line diff-${l.op}`} role="row">
              <span class="diff-mark" role="cell" aria-label={l.op === "add" ? t("content:revisions.added") : l.op === "del" ? t("content:revisions.removed") : undefined}>
                {MARK[l.op]}
              </span>
              <span class="diff-text" role="cell">
                {l.op === "add" ? <ins>{l.text || " "}</ins> : l.op === "del" ? <del>{l.text || " "}</del> : l.text || " "}
              </span>
            </div>
          ))
        ),
      )}
    </div>
  );
}

function VersionHeader({ v, label }: { v: PostVersion; label: string }) {
  const { t } = useUi();
  return (
    <header class="revision-header">
      <h2>{label}</h2>
      <span class="revision-meta">
        <Avatar user={v.author} size={20} /> <span class="visually-hidden">{t("content:revisions.by")}</span>
        <UserLink user={v.author} /> <Time date={v.createdAt} />
      </span>
    </header>
  );
}

/** Every version of a post, newest first, each with what changed since the one before. */
export function PostRevisions({ view }: { view: Revisions }) {
  const { t } = useUi();
  const { versions } = view;
  const newestFirst = [...versions].reverse();
  return (
    <section class="revisions-page">
      <div class="page-head">
        <div>
          <h1>{t("content:revisions.heading", { number: view.post.postNumber })}</h1>
          <p class="page-lead">
            <a href={view.topic.url}>{t("content:revisions.inTopic", { title: view.topic.title })}</a>
          </p>
        </div>
        <a class="button" href={view.post.url}>
          {t("content:revisions.backToPost")}
        </a>
      </div>
      {view.post.deleted ? <Notice kind="error">{t("content:revisions.deletedNotice")}</Notice> : null}
      {versions.length <= 1 ? <p class="empty">{t("content:revisions.notEdited")}</p> : null}
      <ol class="revision-list" reversed>
        {newestFirst.map((v) => {
          const i = versions.indexOf(v);
          const prev = i > 0 ? versions[i - 1] : undefined;
          const name = v.revision === 1 ? t("content:revisions.original") : t("content:revisions.version", { revision: v.revision });
          const label = i === versions.length - 1 && i > 0 ? `${name} · ${t("content:revisions.current")}` : name;
          return (
            <li key={v.revision} class="revision" id={`revision-${v.revision}`}>
              <VersionHeader v={v} label={label} />
              {prev && prev.title !== v.title && v.title !== null ? (
                <div class="revision-title-change">
                  <h3>{t("content:revisions.titleChange")}</h3>
                  <p>
                    <del>{prev.title}</del> <span aria-hidden="true">→</span> <ins>{v.title}</ins>
                  </p>
                </div>
              ) : null}
              {prev ? (
                <Diff before={prev.body} after={v.body} />
              ) : (
                <>
                  {v.title !== null ? <p class="revision-title">{v.title}</p> : null}
                  <pre class="revision-source">{v.body}</pre>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
