import { type SelectQueryBuilder, sql } from "kysely";
import { toBool, toDate } from "../../db/codec.js";
import type { DB } from "../../db/schema.js";
import type { Role } from "../actor.js";
import type { Tx } from "../ctx.js";
import { plainExcerpt } from "../content/repo.js";
import { postUrl, topicUrl } from "../content/types.js";
import type { NotificationItem, NotificationKind } from "./types.js";

type Visible = SelectQueryBuilder<DB & { n: DB["notifications"]; t: DB["topics"]; p: DB["posts"] }, "n" | "t" | "p", object>;

/**
 * A user's notifications whose topic and post they may still see: the topic is in one of
 * `categoryIds` (the user's readable categories, checked now, not when notified) and neither
 * the topic nor the post is deleted.
 */
function visible(db: Tx, userId: number, categoryIds: number[]): Visible {
  return db
    .selectFrom("notifications as n")
    .innerJoin("topics as t", "t.id", "n.topic_id")
    .innerJoin("posts as p", "p.id", "n.post_id")
    .where("n.user_id", "=", userId)
    .where("t.category_id", "in", categoryIds)
    .where("t.deleted_at", "is", null)
    .where("p.deleted_at", "is", null);
}

export async function listVisibleNotifications(
  db: Tx,
  userId: number,
  categoryIds: number[],
  opts: { offset: number; limit: number },
): Promise<NotificationItem[]> {
  if (categoryIds.length === 0) return [];
  const rows = await visible(db, userId, categoryIds)
    .leftJoin("users as a", "a.id", "n.actor_id")
    .select([
      "n.id",
      "n.kind",
      "n.created_at",
      "n.read_at",
      "t.id as topic_id",
      "t.title",
      "t.slug",
      "p.id as post_id",
      "p.post_number",
      sql<string>`substr(p.body, 1, 400)`.as("body_head"),
      "a.id as actor_id",
      "a.username",
      "a.name",
      "a.title as actor_title",
      "a.role",
      "a.staff",
    ])
    .orderBy("n.created_at", "desc")
    .orderBy("n.id", "desc")
    .offset(opts.offset)
    .limit(opts.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as NotificationKind,
    actor:
      r.actor_id !== null && r.username !== null
        ? { id: r.actor_id, username: r.username, name: r.name ?? "", title: r.actor_title ?? "", role: r.role as Role, staff: toBool(r.staff) }
        : null,
    topic: { id: r.topic_id, title: r.title, url: topicUrl({ id: r.topic_id, slug: r.slug }) },
    post: { id: r.post_id, postNumber: r.post_number, url: postUrl({ id: r.topic_id, slug: r.slug }, r.post_number), excerpt: plainExcerpt(r.body_head, 140) },
    createdAt: toDate(r.created_at),
    read: r.read_at !== null,
  }));
}

export async function countVisibleUnread(db: Tx, userId: number, categoryIds: number[]): Promise<number> {
  if (categoryIds.length === 0) return 0;
  const row = await visible(db, userId, categoryIds)
    .where("n.read_at", "is", null)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks the user's unread notifications read (only `ids` when given); returns how many changed. */
export async function markRead(db: Tx, userId: number, ids: number[] | null, now: Date): Promise<number> {
  let q = db.updateTable("notifications").set({ read_at: now }).where("user_id", "=", userId).where("read_at", "is", null);
  if (ids) q = q.where("id", "in", ids);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  actorId: number;
  topicId: number;
  postId: number;
}

/**
 * Inserts notifications. For the post kinds (mention, quote, reply) a user already notified about
 * the same post is skipped, so the notify job can be retried safely; other kinds are the caller's
 * to make idempotent.
 */
export async function insertNotifications(db: Tx, list: NewNotification[], now: Date): Promise<void> {
  if (list.length === 0) return;
  await db
    .insertInto("notifications")
    .values(list.map((n) => ({ user_id: n.userId, kind: n.kind, actor_id: n.actorId, topic_id: n.topicId, post_id: n.postId, created_at: now })))
    // The target must repeat the partial index's condition literally (SQLite matches it as text).
    .onConflict((oc) => oc.columns(["user_id", "post_id"]).where(sql<boolean>`kind in ('mention', 'quote', 'reply')`).doNothing())
    .execute();
}

/** Ids of existing users by lower-cased username. */
export async function userIdsByUsername(db: Tx, lowerNames: string[]): Promise<number[]> {
  if (lowerNames.length === 0) return [];
  const rows = await db.selectFrom("users").select("id").where(sql`lower(username)`, "in", lowerNames).execute();
  return rows.map((r) => r.id);
}

/** Authors of the given posts. */
export async function postAuthorIds(db: Tx, postIds: number[]): Promise<number[]> {
  if (postIds.length === 0) return [];
  const rows = await db.selectFrom("posts").select("user_id").where("id", "in", postIds).execute();
  return rows.map((r) => r.user_id);
}
