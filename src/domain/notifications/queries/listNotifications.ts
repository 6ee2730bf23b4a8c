import type { Actor } from "../../actor.js";
import { readableIds } from "../../community/access.js";
import type { Ctx } from "../../ctx.js";
import { countVisibleUnread, listVisibleNotifications } from "../repo.js";
import type { NotificationItem } from "../types.js";

export const NOTIFICATIONS_PER_PAGE = 30;

export interface NotificationList {
  items: NotificationItem[];
  page: number;
  hasMore: boolean;
  unread: number;
}

/**
 * A page of the reader's notifications, newest first, with the unread count. Notifications about
 * topics the reader can no longer see (moved to a private category, deleted) are left out.
 * Feeds `/notifications` and `GET /api/v1/notifications`; anonymous readers get an empty list.
 */
export async function listNotifications(ctx: Ctx, actor: Actor, opts: { page?: number; perPage?: number } = {}): Promise<NotificationList> {
  const page = Math.max(1, Math.min(opts.page ?? 1, 1000));
  const perPage = Math.min(Math.max(opts.perPage ?? NOTIFICATIONS_PER_PAGE, 1), 100);
  if (actor.kind !== "user") return { items: [], page, hasMore: false, unread: 0 };
  const ids = await readableIds(ctx, actor);
  const [rows, unread] = await Promise.all([
    listVisibleNotifications(ctx.db, actor.id, ids, { offset: (page - 1) * perPage, limit: perPage + 1 }),
    countVisibleUnread(ctx.db, actor.id, ids),
  ]);
  return { items: rows.slice(0, perPage), page, hasMore: rows.length > perPage, unread };
}

/** How many unread notifications the reader may open (the header's bell count). */
export async function countUnreadNotifications(ctx: Ctx, actor: Actor): Promise<number> {
  if (actor.kind !== "user") return 0;
  return countVisibleUnread(ctx.db, actor.id, await readableIds(ctx, actor));
}
