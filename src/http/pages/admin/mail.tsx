import type { FastifyInstance } from "fastify";
import type { Ctx } from "../../../domain/ctx.js";
import { listStoredMail, mailDir, readStoredMail } from "../../../infra/mail.js";
import { AdminTable, DateTime, Pill } from "../../../render/components/admin.js";
import { sendErrorPage } from "../errorPage.js";
import { sendAdminPage } from "./shared.js";

const LIMIT = 100;

/** `/admin/mail`: in file mode, the messages written to DATA_DIR/mail (newest first), each readable as plain text. */
export function mailPages(app: FastifyInstance, ctx: Ctx): void {
  app.get("/admin/mail", async (req, reply) => {
    const mode = ctx.mailer.kind;
    const messages = mode === "file" ? await listStoredMail(ctx.config.dataDir, LIMIT) : [];
    return sendAdminPage(ctx, req, reply, { section: "mail", title: req.t("admin:mail.title") }, ({ t }) => (
      <>
        <p>
          <Pill kind="info">{t(`admin:mail.mode.${mode}`)}</Pill> {t(`admin:mail.explain.${mode}`, { dir: mailDir(ctx.config.dataDir) })}
        </p>
        {mode === "smtp" ? null : messages.length === 0 ? (
          <p class="empty">{t("admin:mail.none")}</p>
        ) : (
          <>
            <p class="admin-muted">{t("admin:mail.newest", { count: LIMIT })}</p>
            <AdminTable caption={t("admin:mail.title")}>
              <thead>
                <tr>
                  <th scope="col">{t("admin:mail.date")}</th>
                  <th scope="col">{t("admin:mail.to")}</th>
                  <th scope="col">{t("admin:mail.subject")}</th>
                </tr>
              </thead>
              <tbody>
                {messages.map((m) => (
                  <tr key={m.file}>
                    <td data-label={t("admin:mail.date")}><DateTime date={m.date} /></td>
                    <td data-label={t("admin:mail.to")}>{m.to}</td>
                    <td data-label={t("admin:mail.subject")}>
                      <a href={`/admin/mail/${encodeURIComponent(m.file)}`}>{m.subject || t("admin:mail.noSubject")}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </AdminTable>
          </>
        )}
      </>
    ));
  });

  app.get<{ Params: { file: string } }>("/admin/mail/:file", async (req, reply) => {
    const mail = ctx.mailer.kind === "file" ? await readStoredMail(ctx.config.dataDir, req.params.file) : null;
    if (!mail) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "admin:mail.notFound" });
    return sendAdminPage(ctx, req, reply, { section: "mail", title: mail.subject || req.t("admin:mail.noSubject"), back: { href: "/admin/mail", label: req.t("admin:nav.mail") } }, ({ t }) => (
      <>
        <dl class="admin-facts">
          <div><dt>{t("admin:mail.to")}</dt><dd>{mail.to}</dd></div>
          <div><dt>{t("admin:mail.file")}</dt><dd><code>{req.params.file}</code></dd></div>
        </dl>
        {/* Plain text, escaped by the renderer: a message can never run script here. */}
        <pre class="admin-mail-text">{mail.text}</pre>
      </>
    ));
  });
}
