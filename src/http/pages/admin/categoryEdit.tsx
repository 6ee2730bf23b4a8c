import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type AdminCategoryNode, countCategoryTopics, listCategoryTree } from "../../../domain/admin/queries/listCategoryTree.js";
import { deleteCategory } from "../../../domain/community/commands/deleteCategory.js";
import { setCategoryPermissions } from "../../../domain/community/commands/setCategoryPermissions.js";
import { updateCategory } from "../../../domain/community/commands/updateCategory.js";
import type { Ctx } from "../../../domain/ctx.js";
import { ConfirmAction } from "../../../render/components/admin.js";
import { Csrf, Field } from "../../../render/components/common.js";
import { sendErrorPage } from "../errorPage.js";
import { CategoryFields, type CategoryForm, groupLabel } from "./categoryParts.js";
import { type Rejected, RejectedBanner, done, errorsFor, formValues, sendAdminPage, statusFor, toId } from "./shared.js";

const KEYS = ["name", "slug", "description", "color", "parentId", "position", "contentType"] as const;
const LEVELS = ["see", "reply", "create"] as const;

/** What the page re-renders with: the edit form's values and the permission choices (group id → level). */
interface State {
  form: CategoryForm;
  levels: Record<string, string>;
  moveTopicsTo: string;
}

function find(tree: AdminCategoryNode[], id: number): AdminCategoryNode | null {
  for (const n of tree) {
    if (n.id === id) return n;
    const c = n.children.find((k) => k.id === id);
    if (c) return c;
  }
  return null;
}

async function render(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, id: number, state?: Partial<State>, rejected?: Rejected<unknown>) {
  const [tree, groups, topicCount] = await Promise.all([listCategoryTree(ctx), ctx.cache.groups(), countCategoryTopics(ctx, id)]);
  const node = find(tree, id);
  if (!node) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "errors:categoryNotFound" });
  const form = state?.form ?? { name: node.name, slug: node.slug, description: node.description, color: node.color, parentId: node.parentId ? String(node.parentId) : "", position: String(node.position), contentType: node.contentType };
  const levels = state?.levels ?? Object.fromEntries(node.permissions.map((p) => [String(p.groupId), p.level]));
  const others = tree.flatMap((r) => [r, ...r.children]).filter((c) => c.id !== id);
  return sendAdminPage(
    ctx,
    req,
    reply,
    { section: "categories", title: node.name, back: { href: "/admin/categories", label: req.t("admin:nav.categories") }, status: statusFor(rejected), actions: ({ t }) => <a class="button" href={`/c/${encodeURIComponent(node.slug)}`}>{t("admin:categories.view")}</a> },
    (ui) => {
      const { t } = ui;
      const editErrors = errorsFor(ui, rejected, "edit");
      const permErrors = errorsFor(ui, rejected, "permissions");
      const deleteErrors = errorsFor(ui, rejected, "delete");
      return (
        <>
          <section class="admin-section" aria-labelledby="cat-edit">
            <h2 id="cat-edit">{t("admin:categories.editTitle")}</h2>
            <form method="post" action={`/admin/categories/${id}`} class="stacked-form admin-form">
              <RejectedBanner ui={ui} rejected={rejected} form="edit" />
              <Csrf />
              <CategoryFields ui={ui} form={form} errors={editErrors} parents={tree} selfId={id} hasChildren={node.children.length > 0} />
              <div class="form-actions">
                <button type="submit" class="button button-primary">{t("admin:save")}</button>
              </div>
            </form>
          </section>

          <section class="admin-section" aria-labelledby="cat-perms">
            <h2 id="cat-perms">{t("admin:permissions.title")}</h2>
            <p class="page-lead">{t("admin:permissions.lead")}</p>
            {node.parentId ? <p class="field-hint">{t("admin:permissions.parentHint")}</p> : null}
            <form method="post" action={`/admin/categories/${id}/permissions`} class="stacked-form admin-form">
              <RejectedBanner ui={ui} rejected={rejected} form="permissions" />
              {permErrors.permissions ? <p class="field-error" role="alert">{permErrors.permissions}</p> : null}
              <Csrf />
              <div class="admin-permissions">
                {groups.list.map((g) => (
                  <div class="admin-permission" key={g.id}>
                    <label for={`level-${g.id}`}>
                      <strong>{groupLabel(t, g)}</strong>
                      <span class="field-hint">{g.key ? t(`admin:groups.builtin.${g.key}.derived`) : t("admin:groups.custom")}</span>
                    </label>
                    <select id={`level-${g.id}`} name={`level_${g.id}`}>
                      <option value="">{t("admin:permissions.level.none")}</option>
                      {LEVELS.map((l) => (
                        <option key={l} value={l} selected={levels[String(g.id)] === l}>
                          {t(`admin:permissions.level.${l}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
              </div>
              <p class="field-hint">{t("admin:permissions.emptyMeansPublic")}</p>
              <div class="form-actions">
                <button type="submit" class="button button-primary">{t("admin:permissions.save")}</button>
              </div>
            </form>
          </section>

          <section class="admin-section admin-danger-zone" aria-labelledby="cat-delete">
            <h2 id="cat-delete">{t("admin:categories.deleteTitle")}</h2>
            <RejectedBanner ui={ui} rejected={rejected} form="delete" />
            {node.children.length > 0 ? (
              <p>{t("admin:categories.deleteHasChildren")}</p>
            ) : topicCount > 0 ? (
              <>
                <p>{t("admin:categories.deleteNotEmpty", { count: topicCount })}</p>
                {others.length === 0 ? null : (
                  <ConfirmAction action={`/admin/categories/${id}/delete`} label={t("admin:categories.moveAndDelete")} button={t("admin:categories.moveAndDeleteButton")} confirm={t("admin:categories.moveAndDeleteConfirm", { name: node.name })} open={rejected?.form === "delete"}>
                    <Field name="moveTopicsTo" label={t("admin:categories.moveTopicsTo")} error={deleteErrors.moveTopicsTo}>
                      <select id="f-moveTopicsTo" name="moveTopicsTo" required>
                        <option value="">{t("admin:categories.chooseCategory")}</option>
                        {others.map((c) => (
                          <option key={c.id} value={String(c.id)} selected={state?.moveTopicsTo === String(c.id)}>
                            {c.parentId ? `— ${c.name}` : c.name}
                          </option>
                        ))}
                      </select>
                    </Field>
                  </ConfirmAction>
                )}
              </>
            ) : (
              <>
                <p>{t("admin:categories.deleteEmpty")}</p>
                <ConfirmAction action={`/admin/categories/${id}/delete`} label={t("admin:categories.delete")} confirm={t("admin:categories.deleteConfirm", { name: node.name })} />
              </>
            )}
          </section>
        </>
      );
    },
  );
}

/** `/admin/categories/:id`: edit, permissions and deletion of one category. */
export function categoryEditPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Params: { id: string } }>("/admin/categories/:id", async (req, reply) => {
    const id = toId(req.params.id);
    if (!id) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "errors:categoryNotFound" });
    return render(ctx, req, reply, id);
  });

  app.post<{ Params: { id: string } }>("/admin/categories/:id", async (req, reply) => {
    const id = toId(req.params.id);
    const form = formValues(req.body, KEYS);
    const res = await updateCategory(ctx, req.actor, { ...form, id });
    if (res.ok) return done(reply, "admin:flash.categorySaved", `/admin/categories/${id}`);
    if (res.code === "not_found" || !id) return sendErrorPage(ctx, req, reply, res);
    return render(ctx, req, reply, id, { form }, { form: "edit", values: form, failure: res });
  });

  app.post<{ Params: { id: string }; Body: Record<string, string> }>("/admin/categories/:id/permissions", async (req, reply) => {
    const id = toId(req.params.id);
    const levels: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.body ?? {})) {
      const m = /^level_(\d+)$/.exec(k);
      if (m && typeof v === "string" && v !== "") levels[m[1]] = v;
    }
    const permissions = Object.entries(levels).map(([groupId, level]) => ({ groupId, level }));
    const res = await setCategoryPermissions(ctx, req.actor, { id, permissions });
    if (res.ok) return done(reply, "admin:flash.permissionsSaved", `/admin/categories/${id}`);
    if (res.code === "not_found" || !id) return sendErrorPage(ctx, req, reply, res);
    return render(ctx, req, reply, id, { levels }, { form: "permissions", values: levels, failure: res });
  });

  app.post<{ Params: { id: string } }>("/admin/categories/:id/delete", async (req, reply) => {
    const id = toId(req.params.id);
    const { moveTopicsTo } = formValues(req.body, ["moveTopicsTo"]);
    const res = await deleteCategory(ctx, req.actor, { id, moveTopicsTo });
    if (res.ok) return done(reply, "admin:flash.categoryDeleted", "/admin/categories");
    if (res.code === "not_found" || !id) return sendErrorPage(ctx, req, reply, res);
    return render(ctx, req, reply, id, { moveTopicsTo }, { form: "delete", values: { moveTopicsTo }, failure: res });
  });
}
