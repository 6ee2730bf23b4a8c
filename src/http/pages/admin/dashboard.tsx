import type { FastifyInstance } from "fastify";
import type { Ctx } from "../../../domain/ctx.js";
import { getDashboard } from "../../../domain/admin/queries/getDashboard.js";
import { ADMIN_SECTIONS, Pill, StatCard } from "../../../render/components/admin.js";
import { sendAdminPage } from "./shared.js";

/** `/admin`: the numbers that matter at a glance, mail and job health, and the way to every section. */
export function dashboardPage(app: FastifyInstance, ctx: Ctx): void {
  app.get("/admin", async (req, reply) => {
    const d = await getDashboard(ctx);
    return sendAdminPage(ctx, req, reply, { section: "dashboard", title: req.t("admin:dashboard.title"), lead: req.t("admin:dashboard.lead") }, ({ t, fmt }) => (
      <>
        <section aria-labelledby="admin-community" class="admin-section">
          <h2 id="admin-community">{t("admin:dashboard.community")}</h2>
          <ul class="admin-stats">
            <StatCard label={t("admin:dashboard.members")} value={fmt.number(d.members)} href="/admin/users" />
            <StatCard label={t("admin:dashboard.topics")} value={fmt.number(d.topics)} href="/latest" />
            <StatCard label={t("admin:dashboard.posts")} value={fmt.number(d.posts)} />
            <StatCard label={t("admin:dashboard.newMembersToday")} value={fmt.number(d.newMembersToday)} />
            <StatCard label={t("admin:dashboard.newPostsToday")} value={fmt.number(d.newPostsToday)} />
          </ul>
          <p class="field-hint">{t("admin:dashboard.todayHint", { since: fmt.dateTime(d.since) })}</p>
        </section>
        <section aria-labelledby="admin-health" class="admin-section">
          <h2 id="admin-health">{t("admin:dashboard.health")}</h2>
          <div class="admin-health">
            <div class="admin-card">
              <h3>{t("admin:dashboard.mail")}</h3>
              <p>
                <Pill kind="info">{t(`admin:mail.mode.${d.mail}`)}</Pill> {t(`admin:dashboard.mailExplain.${d.mail}`)}
              </p>
              <a href="/admin/mail">{t("admin:dashboard.openMail")}</a>
            </div>
            <div class="admin-card">
              <h3>{t("admin:dashboard.jobs")}</h3>
              <p>
                <Pill kind={d.jobs.pending > 0 ? "info" : "ok"}>{t("admin:dashboard.jobsPending", { count: d.jobs.pending })}</Pill>{" "}
                <Pill kind={d.jobs.failed > 0 ? "danger" : "ok"}>{t("admin:dashboard.jobsFailed", { count: d.jobs.failed })}</Pill>
              </p>
              <a href="/admin/jobs">{d.jobs.failed > 0 ? t("admin:dashboard.reviewFailed") : t("admin:dashboard.openJobs")}</a>
            </div>
          </div>
        </section>
        <section aria-labelledby="admin-sections" class="admin-section">
          <h2 id="admin-sections">{t("admin:dashboard.sections")}</h2>
          <ul class="admin-links">
            {ADMIN_SECTIONS.filter((s) => s.key !== "dashboard").map((s) => (
              <li key={s.key}>
                <a href={s.href}>{t(`admin:nav.${s.key}`)}</a>
                <span>{t(`admin:dashboard.describe.${s.key}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      </>
    ));
  });
}
