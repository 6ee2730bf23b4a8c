import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../domain/actor.js";
import { categoryAccess } from "../../domain/community/policy.js";
import type { Category } from "../../domain/community/types.js";
import type { Ctx } from "../../domain/ctx.js";
import { createTopic } from "../../domain/content/commands/createTopic.js";
import { categoryType, topicType } from "../../domain/content/contentTypes.js";
import { canCreateTopic } from "../../domain/content/policy.js";
import type { Failure } from "../../lib/result.js";
import { Csrf, Field, FormError, safeColor } from "../../render/components/common.js";
import { PostExtensionFields, TopicTypeFields } from "../../render/components/types/parts.js";
import { STATUS, failureMessage, translateFields } from "../errors.js";
import { formValues, nestFields } from "../forms.js";
import { redirectLocal, sendPage, setFlash } from "../render.js";
import { sendErrorPage } from "./errorPage.js";
import { attachFieldFiles, attachFormFiles } from "../attachments.js";
import { AttachField } from "../../render/components/media.js";

async function postableCategories(ctx: Ctx, actor: Actor): Promise<Category[]> {
  const [index, groups] = await Promise.all([ctx.cache.categories(), ctx.cache.groups()]);
  return index.list.filter((c) => canCreateTopic(actor, categoryAccess(actor, c, index, groups.builtin.everyone)));
}

/** Step one: where does the topic belong? Each category says what kind of topics it holds. */
async function renderChooser(ctx: Ctx, req: FastifyRequest, reply: FastifyReply) {
  const categories = await postableCategories(ctx, req.actor);
  const index = await ctx.cache.categories();
  return sendPage(
    ctx,
    req,
    reply,
    ({ t }) => (
      <section class="form-page new-topic new-topic-chooser">
        <h1>{t("newTopic.title")}</h1>
        <p class="page-lead">{t("content:newTopic.chooseCategory")}</p>
        {categories.length === 0 ? <p class="empty">{t("errors:cannotPostHere")}</p> : null}
        <ul class="category-choices">
          {categories.map((c) => {
            const type = categoryType(c.contentType);
            return (
              <li key={c.id} style={`--category-color:${safeColor(c.color)}`}>
                <a href={`/new-topic?category=${c.id}`}>
                  <span class="category-choice-name">{c.parentId ? `${index.byId.get(c.parentId)?.name ?? ""} › ${c.name}` : c.name}</span>
                  <span class={`content-type-label content-type-${type}`}>{t(`content:types.${type}.name`)}</span>
                  <span class="category-choice-description">{c.description || t(`content:types.${type}.description`)}</span>
                </a>
              </li>
            );
          })}
        </ul>
      </section>
    ),
    { title: req.t("newTopic.title"), seo: { noindex: true } },
  );
}

/** Step two: the form for one category, with its content type's fields and any post extensions. */
async function renderForm(
  ctx: Ctx,
  req: FastifyRequest,
  reply: FastifyReply,
  category: Category,
  values: Record<string, string>,
  failure?: Failure,
  status = 200,
) {
  const type = categoryType(category.contentType);
  const sameType = (await postableCategories(ctx, req.actor)).filter((c) => categoryType(c.contentType) === type);
  const errors = translateFields(req.t, failure?.fields) ?? {};
  const index = await ctx.cache.categories();
  const choices = (await topicType(type).formChoices?.(ctx, req.actor)) ?? {};
  const form = { values, errors, choices };
  return sendPage(
    ctx,
    req,
    reply,
    ({ t }) => (
      <section class={`form-page new-topic new-topic-${type}`}>
        <h1>{t(`content:types.${type}.newTitle`)}</h1>
        <p class="page-lead">
          {t(`content:types.${type}.description`)} <a href="/new-topic">{t("content:newTopic.otherCategory")}</a>
        </p>
        <FormError message={failure ? failureMessage(t, failure) : undefined} />
        <form method="post" action="/new-topic" class="stacked-form" data-composer enctype="multipart/form-data">
          <Csrf />
          <Field name="categoryId" label={t("newTopic.category")} error={errors.categoryId}>
            <select id="f-categoryId" name="categoryId" required aria-invalid={errors.categoryId ? "true" : undefined}>
              {sameType.map((c) => (
                <option key={c.id} value={String(c.id)} selected={c.id === category.id}>
                  {c.parentId ? `${index.byId.get(c.parentId)?.name ?? ""} › ${c.name}` : c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field
            name="title"
            label={t(`content:types.${type}.titleLabel`)}
            value={values.title}
            error={errors.title}
            required
            maxLength={200}
            hint={t(`content:types.${type}.titleHint`)}
          />
          <TopicTypeFields type={type} form={form} />
          <Field
            name="body"
            label={t(`content:types.${type}.bodyLabel`)}
            value={values.body}
            error={errors.body}
            required
            multiline
            rows={12}
            maxLength={32000}
            hint={t("composer.markdownHint")}
          />
          <AttachField error={errors.files} />
          <Field name="tags" label={t("newTopic.tags")} value={values.tags} error={errors.tags ?? errors["tags.0"]} hint={t("newTopic.tagsHint")} />
          <PostExtensionFields form={form} />
          <div class="form-actions">
            <button type="submit" class="button button-primary">
              {t(`content:types.${type}.submit`)}
            </button>
          </div>
        </form>
      </section>
    ),
    { title: req.t(`content:types.${type}.newTitle`), status, seo: { noindex: true } },
  );
}

export function newTopicPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Querystring: Record<string, string | undefined> }>("/new-topic", async (req, reply) => {
    if (req.actor.kind !== "user") return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    if (!req.actor.emailVerified) return sendErrorPage(ctx, req, reply, { ok: false, code: "forbidden", messageKey: "errors:verifyEmailFirst" });
    const postable = await postableCategories(ctx, req.actor);
    const chosen = postable.find((c) => String(c.id) === req.query.category);
    // One place to post: no need to ask where.
    const category = chosen ?? (postable.length === 1 ? postable[0] : undefined);
    if (!category) return renderChooser(ctx, req, reply);
    // Links may preset the type's own fields (a product page's "Write a review": ?review.productId=3).
    const prefix = `${categoryType(category.contentType)}.`;
    const preset = Object.fromEntries(Object.entries(req.query).filter((e): e is [string, string] => e[0].startsWith(prefix) && typeof e[1] === "string").map(([k, v]) => [k, v.slice(0, 200)]));
    return renderForm(ctx, req, reply, category, { title: "", body: "", tags: "", ...preset });
  });

  app.post<{ Body: Record<string, unknown> }>("/new-topic", async (req, reply) => {
    const refused = (await attachFieldFiles(ctx, req)) ?? (await attachFormFiles(ctx, req));
    const values = formValues(req.body);
    const res = refused ?? (await createTopic(ctx, req.actor, nestFields(req.body)));
    if (res.ok) {
      setFlash(reply, "flash.topicCreated");
      return redirectLocal(reply, res.value.url);
    }
    if (res.code === "unauthenticated") return sendErrorPage(ctx, req, reply, res);
    const postable = await postableCategories(ctx, req.actor);
    const category = postable.find((c) => String(c.id) === values.categoryId);
    // The category vanished or was never allowed: say so on the chooser rather than lose the text.
    if (!category) {
      if (postable.length === 0) return sendErrorPage(ctx, req, reply, res);
      return renderForm(ctx, req, reply, postable[0], values, res, res.code === "not_found" ? 404 : 403);
    }
    return renderForm(ctx, req, reply, category, values, res, STATUS[res.code]);
  });
}
