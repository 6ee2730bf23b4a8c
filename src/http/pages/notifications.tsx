import type { FastifyInstance } from "fastify";
import type { Ctx } from "../../domain/ctx.js";
import { markNotificationsRead } from "../../domain/notifications/commands/markNotificationsRead.js";
import { listNotifications } from "../../domain/notifications/queries/listNotifications.js";
import { NotificationList } from "../../render/components/Notifications.js";
import { redirectLocal, sendPage, setFlash } from "../render.js";
import { sendErrorPage } from "./errorPage.js";

/** The reader's notifications and the "mark as read" forms. */
export function notificationPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Querystring: { page?: string } }>("/notifications", async (req, reply) => {
    if (req.actor.kind !== "user") return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    const n = Number(req.query.page);
    const view = await listNotifications(ctx, req.actor, { page: Number.isInteger(n) && n > 0 ? n : 1 });
    return sendPage(ctx, req, reply, () => <NotificationList view={view} />, { title: req.t("content:notifications.title"), seo: { noindex: true } });
  });

  app.post<{ Body: { ids?: string } }>("/notifications/read", async (req, reply) => {
    const res = await markNotificationsRead(ctx, req.actor, { ids: req.body?.ids });
    if (!res.ok) return sendErrorPage(ctx, req, reply, res);
    setFlash(reply, "content:flash.notificationsRead");
    return redirectLocal(reply, "/notifications");
  });
}
