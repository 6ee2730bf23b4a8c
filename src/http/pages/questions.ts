import type { FastifyInstance } from "fastify";
import type { Ctx } from "../../domain/ctx.js";
import { findPost, findTopic } from "../../domain/content/repo.js";
import { postUrl } from "../../domain/content/types.js";
import { acceptAnswer } from "../../domain/questions/commands/acceptAnswer.js";
import { unacceptAnswer } from "../../domain/questions/commands/unacceptAnswer.js";
import { redirectLocal, setFlash } from "../render.js";
import { sendErrorPage } from "./errorPage.js";
import { toId } from "../forms.js";


/** The accept / take back buttons on a question's replies (forms; POST → redirect → GET). */
export function questionPages(app: FastifyInstance, ctx: Ctx): void {
  app.post<{ Params: { id: string }; Body: Record<string, string> }>("/t/:id/accept", async (req, reply) => {
    const topicId = toId(req.params.id);
    const res = topicId ? await acceptAnswer(ctx, req.actor, { topicId, postId: req.body?.postId }) : null;
    if (!res?.ok) return sendErrorPage(ctx, req, reply, res ?? { ok: false, code: "not_found", messageKey: "errors:topicNotFound" });
    const [topic, post] = await Promise.all([findTopic(ctx.db, res.value.topicId), findPost(ctx.db, res.value.postId!)]);
    setFlash(reply, "questions:flash.accepted");
    return redirectLocal(reply, topic && post ? postUrl(topic, post.postNumber) : "/");
  });

  app.post<{ Params: { id: string } }>("/t/:id/unaccept", async (req, reply) => {
    const topicId = toId(req.params.id);
    const res = topicId ? await unacceptAnswer(ctx, req.actor, { topicId }) : null;
    if (!res?.ok) return sendErrorPage(ctx, req, reply, res ?? { ok: false, code: "not_found", messageKey: "errors:topicNotFound" });
    const topic = await findTopic(ctx.db, res.value.topicId);
    setFlash(reply, "questions:flash.unaccepted");
    return redirectLocal(reply, topic ? postUrl(topic, 1) : "/");
  });
}
