import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { listApiKeys } from "../../../domain/admin/queries/listApiKeys.js";
import { createApiKey } from "../../../domain/accounts/commands/createApiKey.js";
import { revokeApiKey } from "../../../domain/accounts/commands/revokeApiKey.js";
import { findUserByUsername } from "../../../domain/accounts/repo.js";
import type { Ctx } from "../../../domain/ctx.js";
import { err } from "../../../lib/result.js";
import { AdminTable, ConfirmAction, DateTime, Pill } from "../../../render/components/admin.js";
import { Csrf, Field, Pager } from "../../../render/components/common.js";
import { sendErrorPage } from "../errorPage.js";
import { type Rejected, RejectedBanner, done, errorsFor, formValues, pageParam, sendAdminPage, statusFor, toId } from "./shared.js";

type Form = { username: string; description: string };

async function renderNew(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, form: Form, rejected?: Rejected<Form>) {
  return sendAdminPage(ctx, req, reply, { section: "apiKeys", title: req.t("admin:apiKeys.newTitle"), lead: req.t("admin:apiKeys.newLead"), back: { href: "/admin/api-keys", label: req.t("admin:nav.apiKeys") }, status: statusFor(rejected) }, (ui) => {
    const errors = errorsFor(ui, rejected, "create");
    return (
      <form method="post" action="/admin/api-keys" class="stacked-form admin-form">
        <RejectedBanner ui={ui} rejected={rejected} form="create" />
        <Csrf />
        <Field name="username" label={ui.t("admin:apiKeys.user")} value={form.username} error={errors.username ?? errors.userId} required hint={ui.t("admin:apiKeys.userHint")} />
        <Field name="description" label={ui.t("admin:apiKeys.description")} value={form.description} error={errors.description} maxLength={200} hint={ui.t("admin:apiKeys.descriptionHint")} />
        <div class="form-actions">
          <button type="submit" class="button button-primary">{ui.t("admin:apiKeys.create")}</button>
        </div>
      </form>
    );
  });
}

/** `/admin/api-keys`: every key (never the secret), creating one for a user, revoking. */
export function apiKeyPages(app: FastifyInstance, ctx: Ctx): void {
  app.get("/admin/api-keys", async (req, reply) => {
    const list = await listApiKeys(ctx, { page: pageParam(req) });
    return sendAdminPage(
      ctx,
      req,
      reply,
      { section: "apiKeys", title: req.t("admin:apiKeys.title"), lead: req.t("admin:apiKeys.lead"), actions: ({ t }) => <a class="button button-primary" href="/admin/api-keys/new">{t("admin:apiKeys.new")}</a> },
      (ui) => {
        const { t, fmt } = ui;
        if (list.items.length === 0) return <p class="empty">{t("admin:apiKeys.none")}</p>;
        return (
          <>
            <AdminTable caption={t("admin:apiKeys.title")}>
              <thead>
                <tr>
                  <th scope="col">{t("admin:apiKeys.prefix")}</th>
                  <th scope="col">{t("admin:apiKeys.user")}</th>
                  <th scope="col">{t("admin:apiKeys.description")}</th>
                  <th scope="col">{t("admin:apiKeys.created")}</th>
                  <th scope="col">{t("admin:apiKeys.lastUsed")}</th>
                  <th scope="col">{t("admin:apiKeys.status")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((k) => (
                  <tr key={k.id} class={k.revokedAt ? "admin-row-muted" : undefined}>
                    <td data-label={t("admin:apiKeys.prefix")}><code>{k.prefix}…</code></td>
                    <td data-label={t("admin:apiKeys.user")}><a href={`/admin/users/${k.user.id}`}>@{k.user.username}</a></td>
                    <td data-label={t("admin:apiKeys.description")}>{k.description || "—"}</td>
                    <td data-label={t("admin:apiKeys.created")}>
                      <DateTime date={k.createdAt} />
                      {k.createdBy ? <span class="admin-muted"> {t("admin:apiKeys.by", { username: k.createdBy })}</span> : null}
                    </td>
                    <td data-label={t("admin:apiKeys.lastUsed")}>{k.lastUsedAt ? <DateTime date={k.lastUsedAt} /> : t("admin:apiKeys.never")}</td>
                    <td data-label={t("admin:apiKeys.status")} class="admin-actions">
                      {k.revokedAt ? (
                        <Pill kind="danger">{t("admin:apiKeys.revokedAt", { date: fmt.date(k.revokedAt) })}</Pill>
                      ) : (
                        <>
                          <Pill kind="ok">{t("admin:apiKeys.active")}</Pill>
                          <ConfirmAction action={`/admin/api-keys/${k.id}/revoke`} label={t("admin:apiKeys.revoke")} button={t("admin:apiKeys.revokeButton")} confirm={t("admin:apiKeys.revokeConfirm", { prefix: k.prefix, username: k.user.username })} />
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </AdminTable>
            <Pager base="/admin/api-keys" page={list.page} hasMore={list.hasMore} />
          </>
        );
      },
    );
  });

  app.get<{ Querystring: { user?: string } }>("/admin/api-keys/new", async (req, reply) => renderNew(ctx, req, reply, { username: String(req.query.user ?? ""), description: "" }));

  app.post("/admin/api-keys", async (req, reply) => {
    const form = formValues(req.body, ["username", "description"]);
    const user = form.username.trim() ? await findUserByUsername(ctx.db, form.username.trim().replace(/^@/, "")) : null;
    const res = user
      ? await createApiKey(ctx, req.actor, { userId: user.id, description: form.description })
      : err("not_found", undefined, { fields: { username: { key: form.username.trim() ? "validation.unknownUser" : "validation.required" } } });
    if (!res.ok) return renderNew(ctx, req, reply, form, { form: "create", values: form, failure: res });
    // The key exists only in this response: it is shown once, never stored or cached.
    const page = { section: "apiKeys" as const, title: req.t("admin:apiKeys.createdTitle"), back: { href: "/admin/api-keys", label: req.t("admin:nav.apiKeys") }, cacheControl: "no-store" };
    return sendAdminPage(ctx, req, reply, page, ({ t }) => (
      <div class="admin-secret">
        <p class="alert alert-success">{t("admin:apiKeys.createdFor", { username: user!.username })}</p>
        <label for="new-key"><strong>{t("admin:apiKeys.yourKey")}</strong></label>
        <input id="new-key" class="admin-secret-value" type="text" readonly value={res.value.key} autocomplete="off" spellcheck={false} />
        <p class="alert alert-info">{t("admin:apiKeys.copyHint")}</p>
        <p>{t("admin:apiKeys.usage")}</p>
        <pre class="admin-code">{`curl -H "Authorization: Bearer ${res.value.key}" ${ctx.config.baseUrl}/api/v1/categories`}</pre>
        <p><a class="button" href="/admin/api-keys">{t("admin:apiKeys.backToList")}</a></p>
      </div>
    ));
  });

  app.post<{ Params: { id: string } }>("/admin/api-keys/:id/revoke", async (req, reply) => {
    const res = await revokeApiKey(ctx, req.actor, { id: toId(req.params.id) });
    if (!res.ok) return sendErrorPage(ctx, req, reply, res);
    return done(reply, "admin:flash.apiKeyRevoked", "/admin/api-keys");
  });
}
