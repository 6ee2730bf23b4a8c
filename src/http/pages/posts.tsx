import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isModerator } from "../../domain/actor.js";
import type { Ctx } from "../../domain/ctx.js";
import { deletePost } from "../../domain/content/commands/deletePost.js";
import { editPost } from "../../domain/content/commands/editPost.js";
import { restorePost } from "../../domain/content/commands/restorePost.js";
import { type PostDetail, getPost } from "../../domain/content/queries/getPost.js";
import { getPostRevisions } from "../../domain/content/queries/getPostRevisions.js";
import { findTopic } from "../../domain/content/repo.js";
import type { Failure } from "../../lib/result.js";
import { PostEditForm, type PostEditFormState } from "../../render/components/PostEditForm.js";
import { PostRevisions } from "../../render/components/PostRevisions.js";
import { STATUS, failureMessage, translateFields } from "../errors.js";
import { redirectLocal, sendPage, setFlash } from "../render.js";
import { sendErrorPage } from "./errorPage.js";
import { attachFieldFiles, attachFormFiles } from "../attachments.js";
import { formValues, nestFields, toId } from "../forms.js";
import { topicType } from "../../domain/content/contentTypes.js";

type EditBody = Partial<Record<"title" | "body" | "tags" | "revision", string>> & Record<string, unknown>;

/** The first post's content-type fields as its edit form shows them, prefixed (`article.kind`); undefined when the type has none to edit. */
async function editableTypeValues(ctx: Ctx, detail: PostDetail): Promise<Record<string, string> | undefined> {
  if (detail.post.postNumber !== 1) return undefined;
  const values = await topicType(detail.topic.type).editValues?.(ctx, detail.topic.id);
  return values ? Object.fromEntries(Object.entries(values).map(([k, v]) => [`${detail.topic.type}.${k}`, v])) : undefined;
}


const notFound: Failure = { ok: false, code: "not_found", messageKey: "content:errors.postNotFound" };

/** Why the reader may not edit a post they can see, for the error page. */
function editRefusal(req: FastifyRequest, detail: PostDetail): Failure {
  const actor = req.actor;
  if (detail.post.deleted) return { ok: false, code: "forbidden", messageKey: "content:errors.postDeleted" };
  if (actor.kind === "user" && actor.id !== detail.post.author.id) return { ok: false, code: "forbidden", messageKey: "content:errors.notYourPost" };
  if (detail.topic.locked) return { ok: false, code: "forbidden", messageKey: "errors:topicLocked" };
  if (actor.kind === "user" && !actor.emailVerified) return { ok: false, code: "forbidden", messageKey: "errors:verifyEmailFirst" };
  return { ok: false, code: "forbidden" };
}

async function renderEdit(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, detail: PostDetail, form: PostEditFormState, failure?: Failure) {
  const fields = translateFields(req.t, failure?.fields) ?? {};
  const title = req.t(detail.post.postNumber === 1 ? "content:edit.titleFirst" : "content:edit.title");
  return sendPage(ctx, req, reply, () => <PostEditForm detail={detail} form={form} fields={fields} error={failure ? failureMessage(req.t, failure) : undefined} />, {
    title,
    status: failure ? STATUS[failure.code] : 200,
    seo: { noindex: true },
  });
}

/** Where to go after deleting: the topic while the reader can still see it, else its category. */
async function afterDelete(ctx: Ctx, req: FastifyRequest, postId: number, topicId: number, topicDeleted: boolean): Promise<string> {
  if (!topicDeleted || isModerator(req.actor)) return `/p/${postId}`;
  const topic = await findTopic(ctx.db, topicId);
  const category = topic ? (await ctx.cache.categories()).byId.get(topic.categoryId) : undefined;
  return category ? `/c/${encodeURIComponent(category.slug)}` : "/";
}

/** Editing, deleting and restoring posts, and their edit history. */
export function postPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Params: { id: string } }>("/p/:id/edit", async (req, reply) => {
    const id = toId(req.params.id);
    if (req.actor.kind !== "user") return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    const res = id ? await getPost(ctx, req.actor, id) : notFound;
    if (!res.ok) return sendErrorPage(ctx, req, reply, res);
    const detail = res.value;
    if (!detail.post.can.edit) return sendErrorPage(ctx, req, reply, editRefusal(req, detail));
    return renderEdit(ctx, req, reply, detail, {
      title: detail.topic.title,
      body: detail.post.body,
      tags: detail.topic.tags.join(", "),
      revision: String(detail.post.revision),
      typeValues: await editableTypeValues(ctx, detail),
    });
  });

  app.post<{ Params: { id: string }; Body: EditBody }>("/p/:id/edit", async (req, reply) => {
    const id = toId(req.params.id);
    if (!id) return sendErrorPage(ctx, req, reply, notFound);
    const refused = (await attachFieldFiles(ctx, req)) ?? (await attachFormFiles(ctx, req));
    const b = req.body ?? {};
    const form: PostEditFormState = { title: String(b.title ?? ""), body: String(b.body ?? ""), tags: String(b.tags ?? ""), revision: String(b.revision ?? "") };
    // The content type's own fields (`article.kind`…), sent only by a first post's form that has them.
    const typed = nestFields(b);
    const typeName = Object.keys(typed).find((k) => typed[k] && typeof typed[k] === "object");
    if (typeName) form.typeValues = Object.fromEntries(Object.entries(formValues(b)).filter(([k]) => k.startsWith(`${typeName}.`)));
    // Only the first post's form has title and tags fields; absent fields leave the topic as it is.
    const res = refused ?? await editPost(ctx, req.actor, {
      postId: id,
      body: form.body,
      revision: form.revision,
      ...(b.title !== undefined ? { title: form.title } : {}),
      ...(b.tags !== undefined ? { tags: form.tags } : {}),
      ...(typeName ? { [typeName]: typed[typeName] } : {}),
    });
    if (res.ok) {
      setFlash(reply, res.value.changed ? "content:flash.postUpdated" : "content:flash.noChanges", res.value.changed ? "success" : "info");
      return redirectLocal(reply, res.value.url);
    }
    if (res.code === "not_found" || res.code === "unauthenticated") return sendErrorPage(ctx, req, reply, res);
    const detail = await getPost(ctx, req.actor, id);
    if (!detail.ok) return sendErrorPage(ctx, req, reply, detail);
    // After a conflict, saving again deliberately replaces the other edit (the message says so).
    if (res.code === "conflict" && res.params?.revision) form.revision = String(res.params.revision);
    return renderEdit(ctx, req, reply, detail.value, form, res);
  });

  app.post<{ Params: { id: string } }>("/p/:id/delete", async (req, reply) => {
    const id = toId(req.params.id);
    const res = id ? await deletePost(ctx, req.actor, { postId: id }) : notFound;
    if (!res.ok) return sendErrorPage(ctx, req, reply, res);
    setFlash(reply, res.value.topicDeleted ? "content:flash.topicDeleted" : "content:flash.postDeleted");
    return redirectLocal(reply, await afterDelete(ctx, req, res.value.postId, res.value.topicId, res.value.topicDeleted));
  });

  app.post<{ Params: { id: string } }>("/p/:id/restore", async (req, reply) => {
    const id = toId(req.params.id);
    const res = id ? await restorePost(ctx, req.actor, { postId: id }) : notFound;
    if (!res.ok) return sendErrorPage(ctx, req, reply, res);
    setFlash(reply, "content:flash.postRestored");
    return redirectLocal(reply, `/p/${res.value.postId}`);
  });

  app.get<{ Params: { id: string } }>("/p/:id/revisions", async (req, reply) => {
    const id = toId(req.params.id);
    const res = id ? await getPostRevisions(ctx, req.actor, id) : notFound;
    if (!res.ok) return sendErrorPage(ctx, req, reply, res);
    return sendPage(ctx, req, reply, () => <PostRevisions view={res.value} />, {
      title: `${req.t("content:revisions.title")}: ${res.value.topic.title}`,
      seo: { noindex: true },
    });
  });
}
