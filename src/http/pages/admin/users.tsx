import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type AdminUserRow, listUsers } from "../../../domain/admin/queries/listUsers.js";
import { createUser } from "../../../domain/accounts/commands/createUser.js";
import type { Ctx } from "../../../domain/ctx.js";
import { AdminTable, DateTime, Pill } from "../../../render/components/admin.js";
import { Csrf, Field, Pager } from "../../../render/components/common.js";
import type { Ui } from "../../../render/ui.js";
import { type Rejected, RejectedBanner, done, errorsFor, formValues, pageParam, pagerBase, sendAdminPage, statusFor } from "./shared.js";

const KEYS = ["username", "email", "name", "password", "role", "staff", "emailVerified"] as const;
type Form = Record<(typeof KEYS)[number], string>;

/** Role, staff, suspension and e-mail state as small labels. */
export function UserBadges({ ui, user }: { ui: Ui; user: Pick<AdminUserRow, "role" | "staff" | "emailVerified" | "suspendedUntil"> }) {
  const { t, now } = ui;
  return (
    <span class="admin-badges">
      {user.role !== "member" ? <Pill kind="info">{t(`admin:users.roles.${user.role}`)}</Pill> : null}
      {user.staff ? <Pill>{t("user.staff")}</Pill> : null}
      {user.suspendedUntil && user.suspendedUntil > now ? <Pill kind="danger">{t("admin:users.suspended")}</Pill> : null}
      {!user.emailVerified ? <Pill kind="warn">{t("admin:users.unverified")}</Pill> : null}
    </span>
  );
}

async function renderList(ctx: Ctx, req: FastifyRequest<{ Querystring: { q?: string } }>, reply: FastifyReply) {
  const q = String(req.query.q ?? "").slice(0, 100);
  const list = await listUsers(ctx, { q, page: pageParam(req) });
  return sendAdminPage(
    ctx,
    req,
    reply,
    { section: "users", title: req.t("admin:users.title"), actions: ({ t }) => <a class="button button-primary" href="/admin/users/new">{t("admin:users.new")}</a> },
    (ui) => {
      const { t, fmt } = ui;
      return (
        <>
          <form method="get" action="/admin/users" class="admin-search" role="search">
            <label for="user-q" class="visually-hidden">{t("admin:users.search")}</label>
            <input id="user-q" type="search" name="q" value={q} placeholder={t("admin:users.search")} />
            <button type="submit" class="button">{t("search.button")}</button>
          </form>
          <p class="admin-muted">{t("admin:users.total", { count: list.total, formatted: fmt.number(list.total) })}</p>
          {list.items.length === 0 ? (
            <p class="empty">{t("admin:users.none")}</p>
          ) : (
            <AdminTable caption={t("admin:users.title")}>
              <thead>
                <tr>
                  <th scope="col">{t("admin:users.username")}</th>
                  <th scope="col">{t("admin:users.email")}</th>
                  <th scope="col">{t("admin:users.status")}</th>
                  <th scope="col" class="num">{t("admin:users.posts")}</th>
                  <th scope="col">{t("admin:users.joined")}</th>
                  <th scope="col">{t("admin:users.lastSeen")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((u) => (
                  <tr key={u.id}>
                    <td data-label={t("admin:users.username")}>
                      <a href={`/admin/users/${u.id}`}>@{u.username}</a>
                      {u.name && u.name !== u.username ? <span class="admin-muted"> {u.name}</span> : null}
                    </td>
                    <td data-label={t("admin:users.email")}>{u.email}</td>
                    <td data-label={t("admin:users.status")}><UserBadges ui={ui} user={u} /></td>
                    <td data-label={t("admin:users.posts")} class="num">{fmt.number(u.postCount)}</td>
                    <td data-label={t("admin:users.joined")}><DateTime date={u.createdAt} dateOnly /></td>
                    <td data-label={t("admin:users.lastSeen")}>{u.lastSeenAt ? fmt.relative(u.lastSeenAt, ui.now) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </AdminTable>
          )}
          <Pager base={pagerBase("/admin/users", { q: q || undefined })} page={list.page} hasMore={list.hasMore} />
        </>
      );
    },
  );
}

async function renderNew(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, form: Form, rejected?: Rejected<Form>) {
  return sendAdminPage(ctx, req, reply, { section: "users", title: req.t("admin:users.newTitle"), back: { href: "/admin/users", label: req.t("admin:nav.users") }, status: statusFor(rejected) }, (ui) => {
    const { t } = ui;
    const errors = errorsFor(ui, rejected, "create");
    return (
      <form method="post" action="/admin/users" class="stacked-form admin-form" autocomplete="off">
        <RejectedBanner ui={ui} rejected={rejected} form="create" />
        <Csrf />
        <Field name="username" label={t("accounts:username")} value={form.username} error={errors.username} required hint={t("accounts:usernameHint")} autocomplete="off" />
        <Field name="email" label={t("accounts:email")} type="email" value={form.email} error={errors.email} required autocomplete="off" />
        <Field name="name" label={t("admin:users.displayName")} value={form.name} error={errors.name} maxLength={60} />
        <Field name="password" label={t("accounts:password")} type="password" error={errors.password} required hint={t("accounts:passwordHint")} autocomplete="new-password" />
        <Field name="role" label={t("admin:users.role")} error={errors.role}>
          <select id="f-role" name="role">
            {(["member", "moderator", "admin"] as const).map((r) => (
              <option key={r} value={r} selected={form.role === r}>{t(`admin:users.roles.${r}`)}</option>
            ))}
          </select>
        </Field>
        <label class="admin-check">
          <input type="checkbox" name="staff" value="on" checked={form.staff === "on"} /> {t("admin:users.staffFlag")}
        </label>
        <label class="admin-check">
          <input type="checkbox" name="emailVerified" value="on" checked={form.emailVerified === "on"} /> {t("admin:users.emailVerifiedFlag")}
        </label>
        <div class="form-actions">
          <button type="submit" class="button button-primary">{t("admin:users.create")}</button>
        </div>
      </form>
    );
  });
}

/** `/admin/users`: search, the paginated list, and creating an account. */
export function userListPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Querystring: { q?: string } }>("/admin/users", async (req, reply) => renderList(ctx, req, reply));

  app.get("/admin/users/new", async (req, reply) =>
    renderNew(ctx, req, reply, { username: "", email: "", name: "", password: "", role: "member", staff: "", emailVerified: "on" }),
  );

  app.post("/admin/users", async (req, reply) => {
    const form = formValues(req.body, KEYS);
    const res = await createUser(ctx, req.actor, { ...form, staff: form.staff === "on", emailVerified: form.emailVerified === "on" });
    // The password is never sent back to the browser.
    if (!res.ok) return renderNew(ctx, req, reply, { ...form, password: "" }, { form: "create", values: form, failure: res });
    return done(reply, "admin:flash.userCreated", `/admin/users/${res.value.id}`);
  });
}
