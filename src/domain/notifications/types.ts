import type { UserSummary } from "../accounts/types.js";

/** Why someone was notified; one notification per user and post, the strongest reason wins. */
export type NotificationKind = "mention" | "quote" | "reply";

/** Priority when one post concerns a user in several ways: a mention beats a quote beats a reply. */
export const KIND_RANK: Record<NotificationKind, number> = { mention: 3, quote: 2, reply: 1 };

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
