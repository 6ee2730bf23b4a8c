import type { NotificationList as List } from "../../domain/notifications/queries/listNotifications.js";
import { type NotificationItem, notificationTextKey } from "../../domain/notifications/types.js";
import { useUi } from "../ui.js";
import { Avatar, Csrf, Pager, Time } from "./common.js";

function NotificationRow({ n }: { n: NotificationItem }) {
  const { t } = useUi();
  const name = n.actor ? n.actor.name || n.actor.username : t("content:notifications.someone");
  return (
    <li class={`notification${n.read ? "" : " is-unread"}`} data-notification-id={n.id}>
      {n.actor ? <Avatar user={n.actor} size={36} /> : <span class="avatar notification-avatar-empty" aria-hidden="true" />}
      <div class="notification-main">
        <p class="notification-text">
          {n.read ? null : <span class="badge badge-new">{t("content:notifications.new")}</span>}
          <a href={n.post.url} data-mark-read={n.read ? undefined : String(n.id)}>
            {t(notificationTextKey(n.kind), { name, title: n.topic.title })}
          </a>
        </p>
        {n.post.excerpt ? <p class="notification-excerpt">{n.post.excerpt}</p> : null}
        <Time date={n.createdAt} />
      </div>
      {n.read ? null : (
        <form method="post" action="/notifications/read" class="notification-mark">
          <Csrf />
          <input type="hidden" name="ids" value={String(n.id)} />
          <button type="submit" class="link-button">
            {t("content:notifications.markRead")}
          </button>
        </form>
      )}
    </li>
  );
}

/** The notifications page: newest first, unread ones marked, with "mark as read" forms. */
export function NotificationList({ view }: { view: List }) {
  const { t } = useUi();
  return (
    <section class="notifications-page">
      <div class="page-head">
        <div>
          <h1>{t("content:notifications.title")}</h1>
          {view.unread > 0 ? <p class="page-lead">{t("content:notifications.unreadSummary", { count: view.unread })}</p> : null}
        </div>
        {view.unread > 0 ? (
          <form method="post" action="/notifications/read">
            <Csrf />
            <button type="submit" class="button">
              {t("content:notifications.markAllRead")}
            </button>
          </form>
        ) : null}
      </div>
      {view.items.length === 0 ? (
        <p class="empty">{t("content:notifications.empty")}</p>
      ) : (
        <ul class="notification-list">
          {view.items.map((n) => (
            <NotificationRow key={n.id} n={n} />
          ))}
        </ul>
      )}
      <Pager base="/notifications" page={view.page} hasMore={view.hasMore} />
    </section>
  );
}
