import type { UserSummary } from "../accounts/types.js";

/** Why someone was notified about a new post; one notification per user and post, the strongest reason wins. */
export type PostNotificationKind = "mention" | "quote" | "reply";

/**
 * Every kind of notification: the post kinds above, and kinds other areas add, named
 * `<namespace>.<name>` (e.g. `ideas.status`), whose text is `t("<namespace>:notifications.<name>")`
 * with `{ name, title }` (who acted, the topic's title).
 */
export type NotificationKind = PostNotificationKind | `${string}.${string}`;

/** Priority when one post concerns a user in several ways: a mention beats a quote beats a reply. */
export const KIND_RANK: Record<PostNotificationKind, number> = { mention: 3, quote: 2, reply: 1 };

/** The i18n key of a kind's sentence. */
export const notificationTextKey = (kind: NotificationKind): string => {
  const dot = kind.indexOf(".");
  return dot > 0 ? `${kind.slice(0, dot)}:notifications.${kind.slice(dot + 1)}` : `content:notifications.kind.${kind}`;
};

/** A notification as the list shows it. */
export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  /** Who wrote the post; null when that account is gone. */
  actor: UserSummary | null;
  topic: { id: number; title: string; url: string };
  post: { id: number; postNumber: number; url: string; excerpt: string };
  createdAt: Date;
  read: boolean;
}
