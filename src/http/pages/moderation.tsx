import type { FastifyInstance } from "fastify";
import type { Actor } from "../../domain/actor.js";
import type { Ctx } from "../../domain/ctx.js";
import { deleteTopic } from "../../domain/content/commands/deleteTopic.js";
import { lockTopic } from "../../domain/content/commands/lockTopic.js";
import { moveTopic } from "../../domain/content/commands/moveTopic.js";
import { pinTopic } from "../../domain/content/commands/pinTopic.js";
import { restoreTopic } from "../../domain/content/commands/restoreTopic.js";
import { findTopic } from "../../domain/content/repo.js";
import { topicUrl } from "../../domain/content/types.js";
import type { Failure, Result } from "../../lib/result.js";
import { redirectLocal, setFlash } from "../render.js";
import { sendErrorPage } from "./errorPage.js";

type Action = (ctx: Ctx, actor: Actor, topicId: number, body: Record<string, string>) => Promise<Result<unknown>>;

/** Each moderator form: the command it runs and the message shown after it. */
const ACTIONS: Record<string, { run: Action; flash: string }> = {
  pin: { run: (ctx, a, topicId) => pinTopic(ctx, a, { topicId, pinned: true }), flash: "content:flash.pinned" },
  unpin: { run: (ctx, a, topicId) => pinTopic(ctx, a, { topicId, pinned: false }), flash: "content:flash.unpinned" },
  lock: { run: (ctx, a, topicId) => lockTopic(ctx, a, { topicId, locked: true }), flash: "content:flash.locked" },
  unlock: { run: (ctx, a, topicId) => lockTopic(ctx, a, { topicId, locked: false }), flash: "content:flash.unlocked" },
  move: { run: (ctx, a, topicId, body) => moveTopic(ctx, a, { topicId, categoryId: body.categoryId }), flash: "content:flash.moved" },
  delete: { run: (ctx, a, topicId) => deleteTopic(ctx, a, { topicId }), flash: "content:flash.topicDeleted" },
  restore: { run: (ctx, a, topicId) => restoreTopic(ctx, a, { topicId }), flash: "content:flash.topicRestored" },
};

/** A failure whose only detail is a field error (e.g. "already in this category") shows that message. */
function withFieldMessage(f: Failure): Failure {
  const key = Object.values(f.fields ?? {})[0]?.key;
  return !f.messageKey && key?.includes(":") ? { ...f, messageKey: key } : f;
}

/** The moderator tools' forms (see render/components/TopicModeration.tsx): POST → 303 back to the topic. */
export function moderationPages(app: FastifyInstance, ctx: Ctx): void {
  for (const [name, action] of Object.entries(ACTIONS)) {
    app.post<{ Params: { id: string }; Body: Record<string, string> }>(`/t/:id/${name}`, async (req, reply) => {
      const id = Number(req.params.id);
      if (!Number.isSafeInteger(id) || id <= 0) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "errors:topicNotFound" });
      const res = await action.run(ctx, req.actor, id, req.body ?? {});
      if (!res.ok) return sendErrorPage(ctx, req, reply, withFieldMessage(res));
      setFlash(reply, action.flash);
      const topic = await findTopic(ctx.db, id);
      return redirectLocal(reply, topic ? topicUrl(topic) : "/");
    });
  }
}
