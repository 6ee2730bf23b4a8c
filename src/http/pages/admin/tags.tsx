import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { listTags } from "../../../domain/admin/queries/listTags.js";
import { deleteTag } from "../../../domain/content/commands/deleteTag.js";
import { renameTag } from "../../../domain/content/commands/renameTag.js";
import type { Ctx } from "../../../domain/ctx.js";
import { AdminTable, ConfirmAction } from "../../../render/components/admin.js";
import { Csrf, Pager } from "../../../render/components/common.js";
import { sendErrorPage } from "../errorPage.js";
import { type Rejected, RejectedBanner, done, errorsFor, formValues, pageParam, pagerBase, sendAdminPage, statusFor, toId } from "./shared.js";

interface Query {
  q: string;
  page: number;
}

/** Where to return after a change: the list as the admin was looking at it. */
const back = (q: Query) => pagerBase("/admin/tags", { q: q.q || undefined, page: q.page > 1 ? String(q.page) : undefined });

async function render(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, query: Query, rejected?: Rejected<{ id: string; name: string }>) {
  const list = await listTags(ctx, { q: query.q, page: query.page });
  return sendAdminPage(ctx, req, reply, { section: "tags", title: req.t("admin:tags.title"), lead: req.t("admin:tags.lead"), status: statusFor(rejected) }, (ui) => {
    const { t, fmt } = ui;
    const errors = errorsFor(ui, rejected, "rename");
    return (
      <>
        <form method="get" action="/admin/tags" class="admin-search" role="search">
          <label for="tag-q" class="visually-hidden">{t("admin:tags.search")}</label>
          <input id="tag-q" type="search" name="q" value={query.q} placeholder={t("admin:tags.search")} />
          <button type="submit" class="button">{t("search.button")}</button>
        </form>
        <RejectedBanner ui={ui} rejected={rejected} form="rename" />
        <RejectedBanner ui={ui} rejected={rejected} form="delete" />
        {list.items.length === 0 ? (
          <p class="empty">{t("admin:tags.none")}</p>
        ) : (
          <AdminTable caption={t("admin:tags.title")}>
            <thead>
              <tr>
                <th scope="col">{t("admin:tags.tag")}</th>
                <th scope="col" class="num">{t("admin:tags.topics")}</th>
                <th scope="col">{t("admin:tags.rename")}</th>
                <th scope="col"><span class="visually-hidden">{t("admin:actions")}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((tag) => {
                const mine = rejected?.values.id === String(tag.id);
                const error = mine ? (errors.name ?? errors.id) : undefined;
                return (
                  <tr key={tag.id}>
                    <td data-label={t("admin:tags.tag")}>
                      <a class="tag" href={`/tags/${encodeURIComponent(tag.name)}`}>#{tag.name}</a>
                    </td>
                    <td data-label={t("admin:tags.topics")} class="num">{fmt.number(tag.topicCount)}</td>
                    <td data-label={t("admin:tags.rename")}>
                      <form method="post" action={`/admin/tags/${tag.id}/rename`} class="admin-row-form">
                        <Csrf />
                        <input type="hidden" name="back" value={back(query)} />
                        <label class="visually-hidden" for={`tag-${tag.id}`}>{t("admin:tags.newName", { name: tag.name })}</label>
                        <input id={`tag-${tag.id}`} type="text" name="name" value={mine ? rejected!.values.name : tag.name} maxLength={30} required aria-invalid={error ? "true" : undefined} aria-describedby={error ? `tag-${tag.id}-error` : undefined} />
                        <button type="submit" class="button button-small">{t("admin:tags.renameButton")}</button>
                        {error ? <p class="field-error" id={`tag-${tag.id}-error`} role="alert">{error}</p> : null}
                      </form>
                    </td>
                    <td class="admin-actions">
                      <ConfirmAction action={`/admin/tags/${tag.id}/delete`} fields={{ back: back(query) }} label={t("admin:delete")} confirm={t("admin:tags.deleteConfirm", { name: tag.name, count: tag.topicCount })} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </AdminTable>
        )}
        <p class="field-hint">{t("admin:tags.mergeHint")}</p>
        <Pager base={pagerBase("/admin/tags", { q: query.q || undefined })} page={list.page} hasMore={list.hasMore} />
      </>
    );
  });
}

/** The list position a form came from (only our own /admin/tags links are followed). */
function queryFrom(backUrl: string): Query {
  const u = new URL(backUrl.startsWith("/admin/tags") ? backUrl : "/admin/tags", "http://x");
  return { q: u.searchParams.get("q") ?? "", page: Math.max(1, Number(u.searchParams.get("page")) || 1) };
}

/** `/admin/tags`: tags with their topic counts; rename (merging into an existing tag) and delete. */
export function tagPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Querystring: { q?: string } }>("/admin/tags", async (req, reply) => render(ctx, req, reply, { q: String(req.query.q ?? "").slice(0, 60), page: pageParam(req) }));

  app.post<{ Params: { id: string } }>("/admin/tags/:id/rename", async (req, reply) => {
    const form = formValues(req.body, ["name", "back"]);
    const query = queryFrom(form.back);
    const res = await renameTag(ctx, req.actor, { id: toId(req.params.id), name: form.name });
    if (res.ok) return done(reply, res.value.merged ? "admin:flash.tagMerged" : "admin:flash.tagRenamed", back(query));
    if (res.code === "not_found") return sendErrorPage(ctx, req, reply, res);
    return render(ctx, req, reply, query, { form: "rename", values: { id: req.params.id, name: form.name }, failure: res });
  });

  app.post<{ Params: { id: string } }>("/admin/tags/:id/delete", async (req, reply) => {
    const form = formValues(req.body, ["back"]);
    const res = await deleteTag(ctx, req.actor, { id: toId(req.params.id) });
    if (res.ok) return done(reply, "admin:flash.tagDeleted", back(queryFrom(form.back)));
    return sendErrorPage(ctx, req, reply, res);
  });
}
