import type { FastifyInstance } from "fastify";
import type { Ctx } from "../../domain/ctx.js";
import { moderationPages } from "./moderation.js";
import { notificationPages } from "./notifications.js";
import { postPages } from "./posts.js";
import { tagPages } from "./tags.js";

/** The content lifecycle's pages: post edit/delete/history, topic moderation, notifications, tags. */
export function contentPages(app: FastifyInstance, ctx: Ctx): void {
  postPages(app, ctx);
  moderationPages(app, ctx);
  notificationPages(app, ctx);
  tagPages(app, ctx);
}
