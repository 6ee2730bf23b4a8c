import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Ctx } from "../../domain/ctx.js";
import { markNotificationsRead } from "../../domain/notifications/commands/markNotificationsRead.js";
import { listNotifications } from "../../domain/notifications/queries/listNotifications.js";
import type { NotificationItem } from "../../domain/notifications/types.js";
import { sendApiError } from "../errors.js";
import { ErrorJson, UserJson, presentUser } from "./presenters.js";

export const NotificationJson = z.object({
  id: z.number(),
  kind: z.string().describe("mention, quote, reply, or <area>.<name> such as ideas.status"),
  actor: UserJson.nullable(),
  topic: z.object({ id: z.number(), title: z.string(), url: z.string() }),
  post: z.object({ id: z.number(), postNumber: z.number(), url: z.string(), excerpt: z.string() }),
  createdAt: z.string(),
  read: z.boolean(),
});

export const presentNotification = (n: NotificationItem): z.infer<typeof NotificationJson> => ({
  id: n.id,
  kind: n.kind,
  actor: n.actor ? presentUser(n.actor) : null,
  topic: n.topic,
  post: n.post,
  createdAt: n.createdAt.toISOString(),
  read: n.read,
});

/** The caller's notifications and marking them read. */
export function notificationsApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/v1/notifications",
    {
      schema: {
        tags: ["notifications"],
        summary: "The caller's notifications, newest first, with the unread count",
        querystring: z.object({
          page: z.coerce.number().int().min(1).max(1000).default(1),
          perPage: z.coerce.number().int().min(1).max(100).default(30),
        }),
        response: {
          200: z.object({ notifications: z.array(NotificationJson), page: z.number(), hasMore: z.boolean(), unread: z.number() }),
          401: ErrorJson,
        },
      },
    },
    async (req, reply) => {
      if (req.actor.kind !== "user") return sendApiError(req, reply, { ok: false, code: "unauthenticated" });
      const list = await listNotifications(ctx, req.actor, { page: req.query.page, perPage: req.query.perPage });
      return { notifications: list.items.map(presentNotification), page: list.page, hasMore: list.hasMore, unread: list.unread };
    },
  );

  r.post(
    "/api/v1/notifications/read",
    {
      schema: {
        tags: ["notifications"],
        summary: "Mark notifications read: the given ids, or all when `ids` is absent",
        body: z.object({ ids: z.array(z.number().int()).optional() }).optional(),
        response: { 200: z.object({ updated: z.number() }), 400: ErrorJson, 401: ErrorJson },
      },
    },
    async (req, reply) => {
      const res = await markNotificationsRead(ctx, req.actor, req.body ?? {});
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
}
