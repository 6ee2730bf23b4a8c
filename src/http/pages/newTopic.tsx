import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../domain/actor.js";
import { categoryAccess } from "../../domain/community/policy.js";
import type { Category } from "../../domain/community/types.js";
import type { Ctx } from "../../domain/ctx.js";
import { createTopic } from "../../domain/content/commands/createTopic.js";
import { canCreateTopic } from "../../domain/content/policy.js";
import type { Failure } from "../../lib/result.js";
import { Csrf, Field, FormError } from "../../render/components/common.js";
import { failureMessage, translateFields } from "../errors.js";
import { redirectLocal, sendPage, setFlash } from "../render.js";
import { sendErrorPage } from "./errorPage.js";

interface Form {
  categoryId: string;
  title: string;
  body: string;
  tags: string;
}

async function postableCategories(ctx: Ctx, actor: Actor): Promise<Category[]> {
  const [index, groups] = await Promise.all([ctx.cache.categories(), ctx.cache.groups()]);
  return index.list.filter((c) => canCreateTopic(actor, categoryAccess(actor, c, index, groups.builtin.everyone)));
}

async function renderForm(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, form: Form, failure?: Failure, status = 200) {
  const categories = await postableCategories(ctx, req.actor);
  const fields = translateFields(req.t, failure?.fields) ?? {};
  const index = await ctx.cache.categories();
  return sendPage(
    ctx,
    req,
    reply,
    ({ t }) => (
      <section class="form-page new-topic">
        <h1>{t("newTopic.title")}</h1>
        <FormError message={failure ? failureMessage(t, failure) : undefined} />
        <form method="post" action="/new-topic" class="stacked-form" data-composer>
          <Csrf />
          <Field name="categoryId" label={t("newTopic.category")} error={fields.categoryId}>
            <select id="f-categoryId" name="categoryId" required aria-invalid={fields.categoryId ? "true" : undefined}>
              {categories.map((c) => (
                <option key={c.id} value={String(c.id)} selected={String(c.id) === form.categoryId}>
                  {c.parentId ? `${index.byId.get(c.parentId)?.name ?? ""} › ${c.name}` : c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field name="title" label={t("newTopic.topicTitle")} value={form.title} error={fields.title} required maxLength={200} hint={t("newTopic.titleHint")} />
          <Field name="body" label={t("newTopic.body")} value={form.body} error={fields.body} required multiline rows={12} maxLength={32000} hint={t("composer.markdownHint")} />
          <Field name="tags" label={t("newTopic.tags")} value={form.tags} error={fields.tags ?? fields["tags.0"]} hint={t("newTopic.tagsHint")} />
          <div class="form-actions">
            <button type="submit" class="button button-primary">
              {t("newTopic.submit")}
            </button>
          </div>
        </form>
      </section>
    ),
    { title: req.t("newTopic.title"), status, seo: { noindex: true } },
  );
}

export function newTopicPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Querystring: { category?: string } }>("/new-topic", async (req, reply) => {
    if (req.actor.kind !== "user") return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    if (!req.actor.emailVerified) return sendErrorPage(ctx, req, reply, { ok: false, code: "forbidden", messageKey: "errors:verifyEmailFirst" });
    return renderForm(ctx, req, reply, { categoryId: req.query.category ?? "", title: "", body: "", tags: "" });
  });

  app.post<{ Body: Partial<Form> }>("/new-topic", async (req, reply) => {
    const form: Form = {
      categoryId: String(req.body?.categoryId ?? ""),
      title: String(req.body?.title ?? ""),
      body: String(req.body?.body ?? ""),
      tags: String(req.body?.tags ?? ""),
    };
    const res = await createTopic(ctx, req.actor, form);
    if (res.ok) {
      setFlash(reply, "flash.topicCreated");
      return redirectLocal(reply, res.value.url);
    }
    if (res.code === "unauthenticated") return sendErrorPage(ctx, req, reply, res);
    return renderForm(ctx, req, reply, form, res, res.code === "rate_limited" ? 429 : res.code === "forbidden" ? 403 : 400);
  });
}
