import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { getUserDetail } from "../../../domain/admin/queries/getUserDetail.js";
import { suspendUser } from "../../../domain/accounts/commands/suspendUser.js";
import { unsuspendUser } from "../../../domain/accounts/commands/unsuspendUser.js";
import { updateUser } from "../../../domain/accounts/commands/updateUser.js";
import { verifyUserEmail } from "../../../domain/accounts/commands/verifyUserEmail.js";
import type { Ctx } from "../../../domain/ctx.js";
import type { Result } from "../../../lib/result.js";
import { Pill, PostButton } from "../../../render/components/admin.js";
import { Csrf, Field } from "../../../render/components/common.js";
import { sendErrorPage } from "../errorPage.js";
import { type Rejected, RejectedBanner, done, errorsFor, formValues, sendAdminPage, statusFor, toId } from "./shared.js";
import { UserBadges } from "./users.js";

type Values = Record<string, string>;

const tomorrow = (now: Date) => new Date(now.getTime() + 86400_000).toISOString().slice(0, 10);

async function render(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, id: number, values: Values = {}, rejected?: Rejected) {
  const detail = await getUserDetail(ctx, id);
  if (!detail) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "admin:users.notFound" });
  const { user } = detail;
  const self = req.actor.kind === "user" && req.actor.id === user.id;
  return sendAdminPage(
    ctx,
    req,
    reply,
    { section: "users", title: user.name && user.name !== user.username ? `${user.name} (@${user.username})` : `@${user.username}`, back: { href: "/admin/users", label: req.t("admin:nav.users") }, status: statusFor(rejected), actions: ({ t }) => <a class="button" href={`/u/${encodeURIComponent(user.username)}`}>{t("admin:users.profile")}</a> },
    (ui) => {
      const { t, fmt, now } = ui;
      const suspended = user.suspendedUntil !== null && user.suspendedUntil > now;
      const roleErrors = errorsFor(ui, rejected, "role");
      const suspendErrors = errorsFor(ui, rejected, "suspend");
      const v = { role: user.role, staff: user.staff ? "on" : "", title: user.title, until: "", reason: "", ...values };
      return (
        <>
          <UserBadges ui={ui} user={user} />
          <dl class="admin-facts">
            <div><dt>{t("admin:users.email")}</dt><dd>{user.email} {user.emailVerified ? <Pill kind="ok">{t("admin:users.verified")}</Pill> : null}</dd></div>
            <div><dt>{t("admin:users.joined")}</dt><dd>{fmt.dateTime(user.createdAt)}</dd></div>
            <div><dt>{t("admin:users.lastSeen")}</dt><dd>{user.lastSeenAt ? fmt.dateTime(user.lastSeenAt) : "—"}</dd></div>
            <div><dt>{t("admin:users.activity")}</dt><dd>{t("admin:users.activityCounts", { topics: fmt.number(user.topicCount), posts: fmt.number(user.postCount) })}</dd></div>
            <div><dt>{t("admin:users.sessions")}</dt><dd>{fmt.number(detail.activeSessions)}</dd></div>
            <div><dt>{t("admin:users.groups")}</dt><dd>{detail.groups.length === 0 ? "—" : detail.groups.map((g, i) => (
                <span key={g.id}>
                  {i > 0 ? ", " : ""}
                  <a href={`/admin/groups/${g.id}`}>{g.name}</a>
                </span>
              ))}</dd></div>
          </dl>

          <section class="admin-section" aria-labelledby="user-role">
            <h2 id="user-role">{t("admin:users.roleTitle")}</h2>
            <form method="post" action={`/admin/users/${user.id}`} class="stacked-form admin-form">
              <RejectedBanner ui={ui} rejected={rejected} form="role" />
              <Csrf />
              <Field name="role" label={t("admin:users.role")} error={roleErrors.role} hint={self && detail.admins <= 1 ? t("admin:users.lastAdminHint") : undefined}>
                <select id="f-role" name="role">
                  {(["member", "moderator", "admin"] as const).map((r) => (
                    <option key={r} value={r} selected={v.role === r}>{t(`admin:users.roles.${r}`)}</option>
                  ))}
                </select>
              </Field>
              <label class="admin-check">
                <input type="checkbox" name="staff" value="on" checked={v.staff === "on"} /> {t("admin:users.staffFlag")}
              </label>
              <Field name="title" label={t("admin:users.userTitle")} value={v.title} error={roleErrors.title} maxLength={60} hint={t("admin:users.userTitleHint")} />
              <div class="form-actions">
                <button type="submit" class="button button-primary">{t("admin:save")}</button>
              </div>
            </form>
          </section>

          <section class="admin-section" aria-labelledby="user-suspend">
            <h2 id="user-suspend">{t("admin:users.suspensionTitle")}</h2>
            <RejectedBanner ui={ui} rejected={rejected} form="unsuspend" />
            <RejectedBanner ui={ui} rejected={rejected} form="suspend" />
            {suspended ? (
              <>
                <p class="alert alert-error">{t("admin:users.suspendedUntil", { until: fmt.dateTime(user.suspendedUntil!) })}</p>
                <PostButton action={`/admin/users/${user.id}/unsuspend`} label={t("admin:users.unsuspend")} class="button" />
              </>
            ) : self ? (
              <p class="admin-muted">{t("admin:users.cannotSuspendSelf")}</p>
            ) : (
              <form method="post" action={`/admin/users/${user.id}/suspend`} class="stacked-form admin-form">
                <Csrf />
                <Field name="until" label={t("admin:users.suspendUntil")} error={suspendErrors.until} hint={t("admin:users.suspendUntilHint")}>
                  <input id="f-until" type="date" name="until" value={v.until} min={tomorrow(now)} required aria-invalid={suspendErrors.until ? "true" : undefined} />
                </Field>
                <Field name="reason" label={t("admin:users.reason")} value={v.reason} error={suspendErrors.reason} maxLength={500} hint={t("admin:users.reasonHint")} />
                <div class="form-actions">
                  <button type="submit" class="button button-danger">{t("admin:users.suspend")}</button>
                </div>
              </form>
            )}
          </section>

          <section class="admin-section" aria-labelledby="user-email">
            <h2 id="user-email">{t("admin:users.emailTitle")}</h2>
            <RejectedBanner ui={ui} rejected={rejected} form="verify" />
            {user.emailVerified ? (
              <p>{t("admin:users.emailIsVerified")}</p>
            ) : (
              <>
                <p>{t("admin:users.emailNotVerified")}</p>
                <PostButton action={`/admin/users/${user.id}/verify-email`} label={t("admin:users.verifyEmail")} class="button" />
              </>
            )}
          </section>

          <section class="admin-section" aria-labelledby="user-keys">
            <h2 id="user-keys">{t("admin:apiKeys.title")}</h2>
            {detail.apiKeys.length === 0 ? (
              <p class="empty">{t("admin:apiKeys.noneForUser")}</p>
            ) : (
              <ul class="admin-plain-list">
                {detail.apiKeys.map((k) => (
                  <li key={k.id}>
                    <code>{k.prefix}…</code> {k.description} {k.revokedAt ? <Pill kind="danger">{t("admin:apiKeys.revoked")}</Pill> : <Pill kind="ok">{t("admin:apiKeys.active")}</Pill>}
                  </li>
                ))}
              </ul>
            )}
            <p>
              <a class="button" href={`/admin/api-keys/new?user=${encodeURIComponent(user.username)}`}>{t("admin:apiKeys.createForUser")}</a>
            </p>
          </section>
        </>
      );
    },
  );
}

/** The outcome of a form on the user page: back to it with a message, or the page with the error. */
async function finish(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, id: number, res: Result<unknown>, form: string, flash: string, values: Values = {}) {
  if (res.ok) return done(reply, flash, `/admin/users/${id}`);
  if (res.code === "not_found" || !id) return sendErrorPage(ctx, req, reply, res);
  return render(ctx, req, reply, id, values, { form, values, failure: res });
}

/** `/admin/users/:id`: one user's role, staff flag, title, suspension and e-mail state. */
export function userDetailPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Params: { id: string } }>("/admin/users/:id", async (req, reply) => render(ctx, req, reply, toId(req.params.id) ?? 0));

  app.post<{ Params: { id: string } }>("/admin/users/:id", async (req, reply) => {
    const id = toId(req.params.id) ?? 0;
    const form = formValues(req.body, ["role", "staff", "title"]);
    const res = await updateUser(ctx, req.actor, { ...form, id });
    return finish(ctx, req, reply, id, res, "role", "admin:flash.userSaved", form);
  });

  app.post<{ Params: { id: string } }>("/admin/users/:id/suspend", async (req, reply) => {
    const id = toId(req.params.id) ?? 0;
    const form = formValues(req.body, ["until", "reason"]);
    const res = await suspendUser(ctx, req.actor, { ...form, id });
    return finish(ctx, req, reply, id, res, "suspend", "admin:flash.userSuspended", form);
  });

  app.post<{ Params: { id: string } }>("/admin/users/:id/unsuspend", async (req, reply) => {
    const id = toId(req.params.id) ?? 0;
    return finish(ctx, req, reply, id, await unsuspendUser(ctx, req.actor, { id }), "unsuspend", "admin:flash.userUnsuspended");
  });

  app.post<{ Params: { id: string } }>("/admin/users/:id/verify-email", async (req, reply) => {
    const id = toId(req.params.id) ?? 0;
    return finish(ctx, req, reply, id, await verifyUserEmail(ctx, req.actor, { id }), "verify", "admin:flash.emailVerified");
  });
}
