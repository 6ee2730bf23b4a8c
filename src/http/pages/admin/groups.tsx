import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type AdminGroupRow, listGroupMembers, listGroups } from "../../../domain/admin/queries/listGroups.js";
import { addGroupMember } from "../../../domain/community/commands/addGroupMember.js";
import { createGroup } from "../../../domain/community/commands/createGroup.js";
import { deleteGroup } from "../../../domain/community/commands/deleteGroup.js";
import { removeGroupMember } from "../../../domain/community/commands/removeGroupMember.js";
import { updateGroup } from "../../../domain/community/commands/updateGroup.js";
import type { Ctx } from "../../../domain/ctx.js";
import { AdminTable, ConfirmAction, DateTime, PostButton } from "../../../render/components/admin.js";
import { Csrf, Field } from "../../../render/components/common.js";
import type { Ui } from "../../../render/ui.js";
import { sendErrorPage } from "../errorPage.js";
import { groupLabel } from "./categoryParts.js";
import { type Rejected, RejectedBanner, done, errorsFor, formValues, sendAdminPage, statusFor, toId } from "./shared.js";

type Values = Record<string, string>;

const count = (ui: Ui, n: number | null) => (n === null ? ui.t("admin:groups.everyoneCount") : ui.fmt.number(n));

function GroupTable({ ui, rows, builtin }: { ui: Ui; rows: AdminGroupRow[]; builtin: boolean }) {
  const { t, fmt } = ui;
  return (
    <AdminTable caption={t(builtin ? "admin:groups.builtinTitle" : "admin:groups.customTitle")}>
      <thead>
        <tr>
          <th scope="col">{t("admin:groups.name")}</th>
          <th scope="col">{t(builtin ? "admin:groups.derivedFrom" : "admin:groups.description")}</th>
          <th scope="col" class="num">{t("admin:groups.members")}</th>
          <th scope="col" class="num">{t("admin:groups.categories")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={g.id}>
            <td data-label={t("admin:groups.name")}>{builtin ? <strong>{groupLabel(t, g)}</strong> : <a href={`/admin/groups/${g.id}`}>{g.name}</a>}</td>
            <td data-label={t(builtin ? "admin:groups.derivedFrom" : "admin:groups.description")}>{builtin && g.key ? t(`admin:groups.builtin.${g.key}.derived`) : g.description}</td>
            <td data-label={t("admin:groups.members")} class="num">{count(ui, g.memberCount)}</td>
            <td data-label={t("admin:groups.categories")} class="num">{fmt.number(g.categoryCount)}</td>
          </tr>
        ))}
      </tbody>
    </AdminTable>
  );
}

async function renderList(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, form: Values, rejected?: Rejected) {
  const rows = await listGroups(ctx);
  const custom = rows.filter((g) => g.key === null);
  return sendAdminPage(ctx, req, reply, { section: "groups", title: req.t("admin:groups.title"), lead: req.t("admin:groups.lead"), status: statusFor(rejected) }, (ui) => {
    const errors = errorsFor(ui, rejected, "create");
    return (
      <>
        <section class="admin-section" aria-labelledby="groups-builtin">
          <h2 id="groups-builtin">{ui.t("admin:groups.builtinTitle")}</h2>
          <p class="page-lead">{ui.t("admin:groups.builtinLead")}</p>
          <GroupTable ui={ui} rows={rows.filter((g) => g.key !== null)} builtin />
        </section>
        <section class="admin-section" aria-labelledby="groups-custom">
          <h2 id="groups-custom">{ui.t("admin:groups.customTitle")}</h2>
          {custom.length === 0 ? <p class="empty">{ui.t("admin:groups.noCustom")}</p> : <GroupTable ui={ui} rows={custom} builtin={false} />}
        </section>
        <section class="admin-section" aria-labelledby="groups-new">
          <h2 id="groups-new">{ui.t("admin:groups.createTitle")}</h2>
          <form method="post" action="/admin/groups" class="stacked-form admin-form">
            <RejectedBanner ui={ui} rejected={rejected} form="create" />
            <Csrf />
            <Field name="name" label={ui.t("admin:groups.name")} value={form.name} error={errors.name} required maxLength={60} />
            <Field name="description" label={ui.t("admin:groups.description")} value={form.description} error={errors.description} maxLength={500} />
            <div class="form-actions">
              <button type="submit" class="button button-primary">{ui.t("admin:groups.create")}</button>
            </div>
          </form>
        </section>
      </>
    );
  });
}

async function renderGroup(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, id: number, form?: Values, rejected?: Rejected) {
  const groups = await ctx.cache.groups();
  const group = groups.byId.get(id);
  if (!group) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "admin:groups.notFound" });
  const members = group.key ? [] : await listGroupMembers(ctx, id);
  const values = form ?? { name: group.name, description: group.description, username: "" };
  const title = groupLabel(req.t, group);
  return sendAdminPage(ctx, req, reply, { section: "groups", title, back: { href: "/admin/groups", label: req.t("admin:nav.groups") }, status: statusFor(rejected) }, (ui) => {
    const { t } = ui;
    if (group.key) return <p class="alert alert-info">{t("admin:groups.builtinReadOnly")} {t(`admin:groups.builtin.${group.key}.derived`)}</p>;
    const editErrors = errorsFor(ui, rejected, "edit");
    const addErrors = errorsFor(ui, rejected, "add");
    return (
      <>
        <section class="admin-section" aria-labelledby="group-members">
          <h2 id="group-members">{t("admin:groups.membersTitle", { count: members.length })}</h2>
          <RejectedBanner ui={ui} rejected={rejected} form="remove" />
          {members.length === 0 ? (
            <p class="empty">{t("admin:groups.noMembers")}</p>
          ) : (
            <AdminTable caption={t("admin:groups.membersTitle", { count: members.length })}>
              <thead>
                <tr>
                  <th scope="col">{t("admin:users.username")}</th>
                  <th scope="col">{t("admin:groups.addedAt")}</th>
                  <th scope="col"><span class="visually-hidden">{t("admin:actions")}</span></th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id}>
                    <td data-label={t("admin:users.username")}><a href={`/admin/users/${m.id}`}>@{m.username}</a> {m.name && m.name !== m.username ? <span class="admin-muted">{m.name}</span> : null}</td>
                    <td data-label={t("admin:groups.addedAt")}><DateTime date={m.addedAt} dateOnly /></td>
                    <td class="admin-actions">
                      <PostButton action={`/admin/groups/${id}/members/${m.id}/remove`} label={t("admin:groups.remove")} title={t("admin:groups.removeNamed", { username: m.username })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </AdminTable>
          )}
          <form method="post" action={`/admin/groups/${id}/members`} class="stacked-form admin-form admin-inline-form">
            <RejectedBanner ui={ui} rejected={rejected} form="add" />
            <Csrf />
            <Field name="username" label={t("admin:groups.addMember")} value={values.username} error={addErrors.username} required hint={t("admin:groups.addMemberHint")} />
            <button type="submit" class="button">{t("admin:groups.add")}</button>
          </form>
        </section>
        <section class="admin-section" aria-labelledby="group-edit">
          <h2 id="group-edit">{t("admin:groups.editTitle")}</h2>
          <form method="post" action={`/admin/groups/${id}`} class="stacked-form admin-form">
            <RejectedBanner ui={ui} rejected={rejected} form="edit" />
            <Csrf />
            <Field name="name" label={t("admin:groups.name")} value={values.name} error={editErrors.name} required maxLength={60} />
            <Field name="description" label={t("admin:groups.description")} value={values.description} error={editErrors.description} maxLength={500} />
            <div class="form-actions">
              <button type="submit" class="button button-primary">{t("admin:save")}</button>
            </div>
          </form>
        </section>
        <section class="admin-section admin-danger-zone" aria-labelledby="group-delete">
          <h2 id="group-delete">{t("admin:groups.deleteTitle")}</h2>
          <RejectedBanner ui={ui} rejected={rejected} form="delete" />
          <ConfirmAction action={`/admin/groups/${id}/delete`} label={t("admin:groups.delete")} confirm={t("admin:groups.deleteConfirm", { name: group.name })} />
        </section>
      </>
    );
  });
}

/** `/admin/groups`: built-in groups (read-only) and custom groups with their members. */
export function groupPages(app: FastifyInstance, ctx: Ctx): void {
  app.get("/admin/groups", async (req, reply) => renderList(ctx, req, reply, { name: "", description: "" }));

  app.post("/admin/groups", async (req, reply) => {
    const form = formValues(req.body, ["name", "description"]);
    const res = await createGroup(ctx, req.actor, form);
    if (!res.ok) return renderList(ctx, req, reply, form, { form: "create", values: form, failure: res });
    return done(reply, "admin:flash.groupCreated", `/admin/groups/${res.value.id}`);
  });

  app.get<{ Params: { id: string } }>("/admin/groups/:id", async (req, reply) => renderGroup(ctx, req, reply, toId(req.params.id) ?? 0));

  app.post<{ Params: { id: string } }>("/admin/groups/:id", async (req, reply) => {
    const id = toId(req.params.id) ?? 0;
    const form = { ...formValues(req.body, ["name", "description"]), username: "" };
    const res = await updateGroup(ctx, req.actor, { ...form, id });
    if (res.ok) return done(reply, "admin:flash.groupSaved", `/admin/groups/${id}`);
    if (res.code === "not_found") return sendErrorPage(ctx, req, reply, res);
    return renderGroup(ctx, req, reply, id, form, { form: "edit", values: form, failure: res });
  });

  app.post<{ Params: { id: string } }>("/admin/groups/:id/delete", async (req, reply) => {
    const id = toId(req.params.id) ?? 0;
    const res = await deleteGroup(ctx, req.actor, { id });
    if (res.ok) return done(reply, "admin:flash.groupDeleted", "/admin/groups");
    if (res.code === "not_found") return sendErrorPage(ctx, req, reply, res);
    return renderGroup(ctx, req, reply, id, undefined, { form: "delete", values: {}, failure: res });
  });

  app.post<{ Params: { id: string } }>("/admin/groups/:id/members", async (req, reply) => {
    const id = toId(req.params.id) ?? 0;
    const { username } = formValues(req.body, ["username"]);
    const res = await addGroupMember(ctx, req.actor, { groupId: id, username });
    if (res.ok) return done(reply, "admin:flash.memberAdded", `/admin/groups/${id}`);
    if (res.code === "not_found" && !res.fields) return sendErrorPage(ctx, req, reply, res);
    const group = (await ctx.cache.groups()).byId.get(id);
    const values = { name: group?.name ?? "", description: group?.description ?? "", username };
    return renderGroup(ctx, req, reply, id, values, { form: "add", values, failure: res });
  });

  app.post<{ Params: { id: string; userId: string } }>("/admin/groups/:id/members/:userId/remove", async (req, reply) => {
    const id = toId(req.params.id) ?? 0;
    const res = await removeGroupMember(ctx, req.actor, { groupId: id, userId: toId(req.params.userId) ?? 0 });
    if (res.ok) return done(reply, "admin:flash.memberRemoved", `/admin/groups/${id}`);
    if (!(await ctx.cache.groups()).byId.has(id)) return sendErrorPage(ctx, req, reply, res);
    return renderGroup(ctx, req, reply, id, undefined, { form: "remove", values: {}, failure: res });
  });
}
