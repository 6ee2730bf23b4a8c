import type { FastifyInstance } from "fastify";
import { canAdminister } from "../../../domain/admin/policy.js";
import type { Ctx } from "../../../domain/ctx.js";
import { sendErrorPage } from "../errorPage.js";
import { apiKeyPages } from "./apiKeys.js";
import { auditPage } from "./audit.js";
import { categoryEditPages } from "./categoryEdit.js";
import { categoryListPages } from "./categories.js";
import { dashboardPage } from "./dashboard.js";
import { groupPages } from "./groups.js";
import { jobPages } from "./jobs.js";
import { mailPages } from "./mail.js";
import { productPages } from "./products.js";
import { settingsPage } from "./settings.js";
import { tagPages } from "./tags.js";
import { userDetailPages } from "./userDetail.js";
import { userListPages } from "./users.js";

const ADMIN_ROUTE = /^\/admin(?:\/|$)/;

/**
 * The admin area. One gate covers every page under /admin: visitors are sent to log in, signed-in
 * non-admins get a 403 page. Each form still goes through a command that checks `isAdmin` again.
 */
export function adminPages(app: FastifyInstance, ctx: Ctx): void {
  app.addHook("preHandler", async (req, reply) => {
    // The matched route, not the raw URL: "/%61dmin/users" reaches the same route as "/admin/users".
    if (!ADMIN_ROUTE.test(req.routeOptions.url ?? "")) return;
    if (req.actor.kind === "anonymous") return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    if (!canAdminister(req.actor)) return sendErrorPage(ctx, req, reply, { ok: false, code: "forbidden", messageKey: "admin:forbidden" });
  });
  dashboardPage(app, ctx);
  settingsPage(app, ctx);
  categoryListPages(app, ctx);
  categoryEditPages(app, ctx);
  groupPages(app, ctx);
  tagPages(app, ctx);
  productPages(app, ctx);
  userListPages(app, ctx);
  userDetailPages(app, ctx);
  apiKeyPages(app, ctx);
  mailPages(app, ctx);
  jobPages(app, ctx);
  auditPage(app, ctx);
}
