import type { FastifyInstance } from "fastify";
import { type AuditEntry, listAuditLog } from "../../../domain/admin/queries/listAuditLog.js";
import type { Ctx } from "../../../domain/ctx.js";
import { AdminTable, DateTime } from "../../../render/components/admin.js";
import { Pager } from "../../../render/components/common.js";
import type { Formatter } from "../../../render/format.js";
import type { T } from "../../../render/i18n.js";
import type { Ui } from "../../../render/ui.js";
import { pageParam, sendAdminPage } from "./shared.js";

/** A recorded value in words: roles, themes and languages by name, yes/no for flags. */
function show(t: T, field: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "boolean") return t(v ? "admin:yes" : "admin:no");
  if (field === "role") return t(`admin:users.roles.${String(v)}`, { defaultValue: String(v) });
  if (field === "theme") return t(`admin:settings.themes.${String(v)}.name`, { defaultValue: String(v) });
  if (field === "defaultLocale") return v === "ja" ? "日本語" : v === "en" ? "English" : String(v);
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** "Renamed tag #a to #b": the action's sentence, filled from the entry's data. Unknown actions fall back to their key. */
export function describeAudit(t: T, fmt: Formatter, e: AuditEntry): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(e.data)) if (typeof v === "string" || typeof v === "number") params[k] = v;
  if (e.targetUsername) params.username = e.targetUsername;
  if (typeof e.data.until === "string") params.until = `${fmt.dateTime(new Date(e.data.until))} (UTC)`;
  if (e.data.direction === "up" || e.data.direction === "down") params.direction = t(`admin:audit.direction.${e.data.direction}`);
  if (e.targetId !== null) params.id = e.targetId;
  params.target = e.targetUsername ? `@${e.targetUsername}` : typeof e.data.name === "string" ? e.data.name : `${e.targetType} #${e.targetId ?? "—"}`;
  return t(`admin:audit.actions.${e.action}`, { ...params, defaultValue: t("admin:audit.unknown", { action: e.action, target: params.target }) });
}

/** What changed, field by field, when the entry recorded it. */
function Details({ ui, e }: { ui: Ui; e: AuditEntry }) {
  const { t } = ui;
  const lines: string[] = [];
  const changes = e.data.changes;
  if (changes && typeof changes === "object") {
    for (const [field, c] of Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>)) {
      lines.push(`${t(`admin:audit.fields.${field}`, { defaultValue: field })}: ${show(t, field, c?.from)} → ${show(t, field, c?.to)}`);
    }
  }
  if (Array.isArray(e.data.before) && Array.isArray(e.data.after)) {
    const list = (ps: unknown[]) =>
      ps.length === 0 ? t("admin:categories.public") : ps.map((p) => { const x = p as { group: string; level: string }; return `${t(`admin:groups.builtin.${x.group}.name`, { defaultValue: x.group })}: ${t(`admin:permissions.level.${x.level}`)}`; }).join(", ");
    lines.push(`${t("admin:audit.before")}: ${list(e.data.before)}`, `${t("admin:audit.after")}: ${list(e.data.after)}`);
  }
  if (typeof e.data.reason === "string" && e.data.reason) lines.push(`${t("admin:users.reason")}: ${e.data.reason}`);
  if (lines.length === 0) return null;
  return (
    <ul class="admin-audit-details">
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

/** `/admin/audit`: every recorded staff action, newest first, described in words. */
export function auditPage(app: FastifyInstance, ctx: Ctx): void {
  app.get("/admin/audit", async (req, reply) => {
    const list = await listAuditLog(ctx, { page: pageParam(req) });
    return sendAdminPage(ctx, req, reply, { section: "audit", title: req.t("admin:audit.title"), lead: req.t("admin:audit.lead") }, (ui) => {
      const { t, fmt } = ui;
      if (list.items.length === 0) return <p class="empty">{t("admin:audit.none")}</p>;
      return (
        <>
          <AdminTable caption={t("admin:audit.title")}>
            <thead>
              <tr>
                <th scope="col">{t("admin:audit.when")}</th>
                <th scope="col">{t("admin:audit.who")}</th>
                <th scope="col">{t("admin:audit.what")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((e) => (
                <tr key={e.id}>
                  <td data-label={t("admin:audit.when")}>
                    <DateTime date={e.createdAt} />
                  </td>
                  <td data-label={t("admin:audit.who")}>{e.actor ? <a href={`/admin/users/${e.actor.id}`}>@{e.actor.username}</a> : <span class="admin-muted">{t("admin:audit.system")}</span>}</td>
                  <td data-label={t("admin:audit.what")}>
                    <span data-action={e.action}>{describeAudit(t, fmt, e)}</span>
                    <Details ui={ui} e={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </AdminTable>
          <Pager base="/admin/audit" page={list.page} hasMore={list.hasMore} />
        </>
      );
    });
  });
}
