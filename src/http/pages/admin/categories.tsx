import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type AdminCategoryNode, listCategoryTree } from "../../../domain/admin/queries/listCategoryTree.js";
import { createCategory } from "../../../domain/community/commands/createCategory.js";
import { reorderCategory } from "../../../domain/community/commands/reorderCategory.js";
import type { Ctx } from "../../../domain/ctx.js";
import { AdminTable, Pill, PostButton } from "../../../render/components/admin.js";
import { Csrf, safeColor } from "../../../render/components/common.js";
import type { Ui } from "../../../render/ui.js";
import { sendErrorPage } from "../errorPage.js";
import type { GroupIndex } from "../../../domain/community/siteCache.js";
import { CategoryFields, type CategoryForm, accessLines } from "./categoryParts.js";
import { type Rejected, RejectedBanner, done, errorsFor, formValues, sendAdminPage, statusFor, toId } from "./shared.js";

const KEYS = ["name", "slug", "description", "color", "parentId", "position", "contentType"] as const;

function Row({ ui, node, index, count, child, groups }: { ui: Ui; node: AdminCategoryNode; index: number; count: number; child: boolean; groups: GroupIndex }) {
  const { t, fmt } = ui;
  return (
    <tr class={child ? "admin-category-child" : undefined}>
      <td data-label={t("admin:categories.name")}>
        <span class="admin-swatch" style={`background:${safeColor(node.color)}`} aria-hidden="true" />
        {child ? <span class="admin-tree-indent" aria-hidden="true">└</span> : null}
        <a href={`/admin/categories/${node.id}`}>{node.name}</a>
        {child ? <span class="visually-hidden"> ({t("admin:categories.subcategory")})</span> : null}
      </td>
      <td data-label={t("admin:categories.slug")}>
        <code>{node.slug}</code>
      </td>
      <td data-label={t("admin:categories.topics")} class="num">
        {fmt.number(node.topicCount)}
      </td>
      <td data-label={t("admin:categories.access")}>
        {node.permissions.length === 0 ? <Pill kind="ok">{t("admin:categories.public")}</Pill> : <Pill kind="warn">{t("admin:categories.restricted")}</Pill>}
        <ul class="admin-access">
          {accessLines(t, node.permissions, groups).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </td>
      <td data-label={t("admin:categories.order")} class="admin-actions">
        <PostButton action={`/admin/categories/${node.id}/move`} fields={{ direction: "up" }} label="↑" title={t("admin:categories.moveUp", { name: node.name })} disabled={index === 0} />
        <PostButton action={`/admin/categories/${node.id}/move`} fields={{ direction: "down" }} label="↓" title={t("admin:categories.moveDown", { name: node.name })} disabled={index === count - 1} />
        <a class="button button-small" href={`/admin/categories/${node.id}`}>
          {t("admin:edit")}
        </a>
      </td>
    </tr>
  );
}

async function renderNew(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, form: CategoryForm, rejected?: Rejected<CategoryForm>) {
  const tree = await listCategoryTree(ctx);
  return sendAdminPage(
    ctx,
    req,
    reply,
    { section: "categories", title: req.t("admin:categories.newTitle"), back: { href: "/admin/categories", label: req.t("admin:nav.categories") }, status: statusFor(rejected) },
    (ui) => (
      <form method="post" action="/admin/categories" class="stacked-form admin-form">
        <RejectedBanner ui={ui} rejected={rejected} form="create" />
        <Csrf />
        <CategoryFields ui={ui} form={form} errors={errorsFor(ui, rejected, "create")} parents={tree} slugOptional />
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            {ui.t("admin:categories.create")}
          </button>
        </div>
      </form>
    ),
  );
}

/** `/admin/categories`: the tree in display order, reordering, and creating categories. */
export function categoryListPages(app: FastifyInstance, ctx: Ctx): void {
  app.get("/admin/categories", async (req, reply) => {
    const [tree, groups] = await Promise.all([listCategoryTree(ctx), ctx.cache.groups()]);
    return sendAdminPage(
      ctx,
      req,
      reply,
      {
        section: "categories",
        title: req.t("admin:categories.title"),
        lead: req.t("admin:categories.lead"),
        actions: ({ t }) => (
          <a class="button button-primary" href="/admin/categories/new">
            {t("admin:categories.new")}
          </a>
        ),
      },
      (ui) =>
        tree.length === 0 ? (
          <p class="empty">{ui.t("category.none")}</p>
        ) : (
          <AdminTable caption={ui.t("admin:categories.title")}>
            <thead>
              <tr>
                <th scope="col">{ui.t("admin:categories.name")}</th>
                <th scope="col">{ui.t("admin:categories.slug")}</th>
                <th scope="col" class="num">{ui.t("admin:categories.topics")}</th>
                <th scope="col">{ui.t("admin:categories.access")}</th>
                <th scope="col">{ui.t("admin:categories.order")}</th>
              </tr>
            </thead>
            <tbody>
              {tree.flatMap((root, i) => [
                <Row key={root.id} ui={ui} node={root} index={i} count={tree.length} child={false} groups={groups} />,
                ...root.children.map((c, j) => <Row key={c.id} ui={ui} node={c} index={j} count={root.children.length} child groups={groups} />),
              ])}
            </tbody>
          </AdminTable>
        ),
    );
  });

  app.get("/admin/categories/new", async (req, reply) =>
    renderNew(ctx, req, reply, { name: "", slug: "", description: "", color: "#3b82f6", parentId: String((req.query as { parent?: string }).parent ?? ""), position: "", contentType: "discussion" }),
  );

  app.post("/admin/categories", async (req, reply) => {
    const form = formValues(req.body, KEYS);
    const res = await createCategory(ctx, req.actor, form);
    if (!res.ok) return renderNew(ctx, req, reply, form, { form: "create", values: form, failure: res });
    return done(reply, "admin:flash.categoryCreated", `/admin/categories/${res.value.id}`);
  });

  app.post<{ Params: { id: string } }>("/admin/categories/:id/move", async (req, reply) => {
    const res = await reorderCategory(ctx, req.actor, { id: toId(req.params.id), direction: formValues(req.body, ["direction"]).direction });
    if (!res.ok) return sendErrorPage(ctx, req, reply, res);
    return done(reply, "admin:flash.categoryMoved", "/admin/categories");
  });
}
