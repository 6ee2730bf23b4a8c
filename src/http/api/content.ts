import type { FastifyInstance } from "fastify";
import type { Ctx } from "../../domain/ctx.js";
import { moderationApi } from "./moderation.js";
import { notificationsApi } from "./notifications.js";
import { postsApi } from "./posts.js";
import { tagsApi } from "./tags.js";

/** The content lifecycle's API: posts, topic moderation, notifications and tags. */
export function contentApi(app: FastifyInstance, ctx: Ctx): void {
  postsApi(app, ctx);
  moderationApi(app, ctx);
  notificationsApi(app, ctx);
  tagsApi(app, ctx);
}
