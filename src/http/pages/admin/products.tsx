import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Ctx } from "../../../domain/ctx.js";
import { createProduct, updateProduct } from "../../../domain/reviews/commands/products.js";
import { findProduct, listProductRows, ratingStats } from "../../../domain/reviews/repo.js";
import { AdminTable } from "../../../render/components/admin.js";
import { Csrf, Field } from "../../../render/components/common.js";
import type { Ui } from "../../../render/ui.js";
import { sendErrorPage } from "../errorPage.js";
import { type Rejected, RejectedBanner, done, errorsFor, formValues, sendAdminPage, statusFor, toId } from "./shared.js";

const KEYS = ["name", "slug", "description", "url", "position", "archived"] as const;
type ProductForm = Record<(typeof KEYS)[number], string>;
const EMPTY: ProductForm = { name: "", slug: "", description: "", url: "", position: "", archived: "" };

/** The fields of the new-product and edit forms. */
function ProductFields({ ui, form, errors }: { ui: Ui; form: ProductForm; errors: Record<string, string> }) {
  const { t } = ui;
  return (
    <>
      <Field name="name" label={t("reviews:admin.name")} value={form.name} error={errors.name} required maxLength={120} />
      <Field name="slug" label={t("reviews:admin.slug")} value={form.slug} error={errors.slug} maxLength={60} hint={t("reviews:admin.slugHint")} />
      <Field name="description" label={t("reviews:admin.description")} value={form.description} error={errors.description} multiline rows={3} maxLength={2000} />
      <Field name="url" label={t("reviews:admin.url")} value={form.url} error={errors.url} type="url" maxLength={500} hint={t("reviews:admin.urlHint")} />
      <Field name="position" label={t("reviews:admin.position")} value={form.position} error={errors.position} type="number" />
      <label class="admin-check">
        <input type="checkbox" name="archived" value="on" checked={form.archived === "on"} /> {t("reviews:admin.archived")}
      </label>
      <p class="field-hint">{t("reviews:admin.archivedHint")}</p>
    </>
  );
}

async function renderList(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, rejected?: Rejected<ProductForm>) {
  const products = await listProductRows(ctx.db, { includeArchived: true });
  const index = await ctx.cache.categories();
  // Admins see every review in the figures, whatever the category.
  const stats = await ratingStats(ctx.db, products.map((p) => p.id), index.list.map((c) => c.id));
  return sendAdminPage(ctx, req, reply, { section: "products", title: req.t("reviews:admin.title"), lead: req.t("reviews:admin.lead"), status: statusFor(rejected) }, (ui) => {
    const { t, fmt } = ui;
    return (
      <>
        {products.length === 0 ? (
          <p class="empty">{t("reviews:admin.none")}</p>
        ) : (
          <AdminTable caption={t("reviews:admin.title")}>
            <thead>
              <tr>
                <th scope="col">{t("reviews:admin.name")}</th>
                <th scope="col">{t("reviews:admin.slug")}</th>
                <th scope="col" class="num">{t("reviews:admin.reviews")}</th>
                <th scope="col" class="num">{t("reviews:admin.average")}</th>
                <th scope="col">{t("reviews:admin.state")}</th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => {
                const s = stats.get(p.id)!;
                return (
                  <tr key={p.id}>
                    <td data-label={t("reviews:admin.name")}>
                      <a href={`/admin/products/${p.id}`}>{p.name}</a>
                    </td>
                    <td data-label={t("reviews:admin.slug")}>
                      <a href={`/products/${encodeURIComponent(p.slug)}`}>{p.slug}</a>
                    </td>
                    <td data-label={t("reviews:admin.reviews")} class="num">{fmt.number(s.count)}</td>
                    <td data-label={t("reviews:admin.average")} class="num">{s.average === null ? "–" : fmt.number(Math.round(s.average * 10) / 10)}</td>
                    <td data-label={t("reviews:admin.state")}>{p.archived ? t("reviews:admin.archivedState") : t("reviews:admin.activeState")}</td>
                  </tr>
                );
              })}
            </tbody>
          </AdminTable>
        )}
        <section class="admin-section" aria-labelledby="product-new">
          <h2 id="product-new">{t("reviews:admin.newTitle")}</h2>
          <form method="post" action="/admin/products" class="stacked-form admin-form">
            <RejectedBanner ui={ui} rejected={rejected} form="create" />
            <Csrf />
            <ProductFields ui={ui} form={rejected?.values ?? EMPTY} errors={errorsFor(ui, rejected, "create")} />
            <div class="form-actions">
              <button type="submit" class="button button-primary">{t("reviews:admin.create")}</button>
            </div>
          </form>
        </section>
      </>
    );
  });
}

async function renderEdit(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, id: number, rejected?: Rejected<ProductForm>) {
  const product = await findProduct(ctx.db, { id });
  if (!product) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "reviews:errors.productNotFound" });
  const form: ProductForm = rejected?.values ?? {
    name: product.name,
    slug: product.slug,
    description: product.description,
    url: product.url,
    position: String(product.position),
    archived: product.archived ? "on" : "",
  };
  return sendAdminPage(
    ctx,
    req,
    reply,
    {
      section: "products",
      title: product.name,
      back: { href: "/admin/products", label: req.t("reviews:admin.title") },
      status: statusFor(rejected),
      actions: ({ t }) => <a class="button" href={`/products/${encodeURIComponent(product.slug)}`}>{t("reviews:admin.view")}</a>,
    },
    (ui) => (
      <form method="post" action={`/admin/products/${id}`} class="stacked-form admin-form">
        <RejectedBanner ui={ui} rejected={rejected} form="edit" />
        <Csrf />
        <ProductFields ui={ui} form={form} errors={errorsFor(ui, rejected, "edit")} />
        <div class="form-actions">
          <button type="submit" class="button button-primary">{ui.t("admin:save")}</button>
        </div>
      </form>
    ),
  );
}

/** `/admin/products`: the products members review; define, rename, reorder and archive them. */
export function productPages(app: FastifyInstance, ctx: Ctx): void {
  app.get("/admin/products", (req, reply) => renderList(ctx, req, reply));
  app.post("/admin/products", async (req, reply) => {
    const form = formValues(req.body, KEYS);
    const res = await createProduct(ctx, req.actor, form);
    if (res.ok) return done(reply, "reviews:flash.productCreated", "/admin/products");
    return renderList(ctx, req, reply, { form: "create", values: form, failure: res });
  });
  app.get<{ Params: { id: string } }>("/admin/products/:id", async (req, reply) => {
    const id = toId(req.params.id);
    if (!id) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "reviews:errors.productNotFound" });
    return renderEdit(ctx, req, reply, id);
  });
  app.post<{ Params: { id: string } }>("/admin/products/:id", async (req, reply) => {
    const id = toId(req.params.id);
    if (!id) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "reviews:errors.productNotFound" });
    const form = formValues(req.body, KEYS);
    const res = await updateProduct(ctx, req.actor, { ...form, id });
    if (res.ok) return done(reply, "reviews:flash.productSaved", `/admin/products/${id}`);
    if (res.code === "not_found") return sendErrorPage(ctx, req, reply, res);
    return renderEdit(ctx, req, reply, id, { form: "edit", values: form, failure: res });
  });
}
