import type { FastifyInstance } from "fastify";
import { retryJob } from "../../../domain/admin/commands/retryJob.js";
import { JOB_STATUSES, type JobRow, getJobsOverview } from "../../../domain/admin/queries/getJobsOverview.js";
import type { Ctx } from "../../../domain/ctx.js";
import { AdminTable, DateTime, Pill, PostButton, StatCard } from "../../../render/components/admin.js";
import type { Ui } from "../../../render/ui.js";
import { sendErrorPage } from "../errorPage.js";
import { done, sendAdminPage, toId } from "./shared.js";

const statusKind = (s: JobRow["status"]) => (s === "failed" ? "danger" : s === "done" ? "ok" : "info");

function ErrorText({ ui, text }: { ui: Ui; text: string | null }) {
  if (!text) return <span class="admin-muted">—</span>;
  const first = text.split("\n", 1)[0];
  return (
    <details class="admin-error">
      <summary>{first.length > 120 ? `${first.slice(0, 120)}…` : first}</summary>
      <pre aria-label={ui.t("admin:jobs.lastError")}>{text}</pre>
    </details>
  );
}

/** `/admin/jobs`: counts by state, failed jobs with their errors and a retry button, recent jobs. */
export function jobPages(app: FastifyInstance, ctx: Ctx): void {
  app.get("/admin/jobs", async (req, reply) => {
    const o = await getJobsOverview(ctx);
    return sendAdminPage(ctx, req, reply, { section: "jobs", title: req.t("admin:jobs.title"), lead: req.t("admin:jobs.lead") }, (ui) => {
      const { t, fmt } = ui;
      return (
        <>
          <ul class="admin-stats">
            {JOB_STATUSES.map((s) => (
              <StatCard key={s} label={t(s === "done" ? "admin:jobs.doneLast24h" : `admin:jobs.status.${s}`)} value={fmt.number(o.counts[s])} kind={s === "failed" && o.counts.failed > 0 ? "danger" : undefined} />
            ))}
          </ul>
          <section class="admin-section" aria-labelledby="jobs-failed">
            <h2 id="jobs-failed">{t("admin:jobs.failedTitle")}</h2>
            {o.failed.length === 0 ? (
              <p class="empty">{t("admin:jobs.noFailed")}</p>
            ) : (
              <AdminTable caption={t("admin:jobs.failedTitle")}>
                <thead>
                  <tr>
                    <th scope="col">{t("admin:jobs.kind")}</th>
                    <th scope="col" class="num">{t("admin:jobs.attempts")}</th>
                    <th scope="col">{t("admin:jobs.failedAt")}</th>
                    <th scope="col">{t("admin:jobs.lastError")}</th>
                    <th scope="col"><span class="visually-hidden">{t("admin:actions")}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {o.failed.map((j) => (
                    <tr key={j.id}>
                      <td data-label={t("admin:jobs.kind")}><code>{j.kind}</code> <span class="admin-muted">#{j.id}</span></td>
                      <td data-label={t("admin:jobs.attempts")} class="num">{j.attempts} / {j.maxAttempts}</td>
                      <td data-label={t("admin:jobs.failedAt")}>{j.finishedAt ? <DateTime date={j.finishedAt} /> : "—"}</td>
                      <td data-label={t("admin:jobs.lastError")} class="admin-error-cell"><ErrorText ui={ui} text={j.lastError} /></td>
                      <td class="admin-actions">
                        <PostButton action={`/admin/jobs/${j.id}/retry`} label={t("admin:jobs.retry")} title={t("admin:jobs.retryNamed", { id: j.id, kind: j.kind })} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </AdminTable>
            )}
          </section>
          <section class="admin-section" aria-labelledby="jobs-recent">
            <h2 id="jobs-recent">{t("admin:jobs.recentTitle")}</h2>
            {o.recent.length === 0 ? (
              <p class="empty">{t("admin:jobs.none")}</p>
            ) : (
              <AdminTable caption={t("admin:jobs.recentTitle")}>
                <thead>
                  <tr>
                    <th scope="col">{t("admin:jobs.kind")}</th>
                    <th scope="col">{t("admin:jobs.statusLabel")}</th>
                    <th scope="col" class="num">{t("admin:jobs.attempts")}</th>
                    <th scope="col">{t("admin:jobs.created")}</th>
                    <th scope="col">{t("admin:jobs.lastError")}</th>
                  </tr>
                </thead>
                <tbody>
                  {o.recent.map((j) => (
                    <tr key={j.id}>
                      <td data-label={t("admin:jobs.kind")}><code>{j.kind}</code> <span class="admin-muted">#{j.id}</span></td>
                      <td data-label={t("admin:jobs.statusLabel")}><Pill kind={statusKind(j.status)}>{t(`admin:jobs.status.${j.status}`)}</Pill></td>
                      <td data-label={t("admin:jobs.attempts")} class="num">{j.attempts} / {j.maxAttempts}</td>
                      <td data-label={t("admin:jobs.created")}><DateTime date={j.createdAt} /></td>
                      <td data-label={t("admin:jobs.lastError")} class="admin-error-cell"><ErrorText ui={ui} text={j.lastError} /></td>
                    </tr>
                  ))}
                </tbody>
              </AdminTable>
            )}
          </section>
        </>
      );
    });
  });

  app.post<{ Params: { id: string } }>("/admin/jobs/:id/retry", async (req, reply) => {
    const res = await retryJob(ctx, req.actor, { id: toId(req.params.id) });
    if (!res.ok) return sendErrorPage(ctx, req, reply, res);
    return done(reply, "admin:flash.jobRetried", "/admin/jobs");
  });
}
