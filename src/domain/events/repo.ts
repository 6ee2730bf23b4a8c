import { sql } from "kysely";
import { toDate } from "../../db/codec.js";
import type { UserSummary } from "../accounts/types.js";
import { type TopicFilter, type TopicWhere, userSummaries } from "../content/repo.js";
import type { Tx } from "../ctx.js";
import type { Engine } from "../../db/connect.js";
import type { RsvpStatus } from "./policy.js";

export interface EventDetails {
  startsAt: Date;
  endsAt: Date;
  /** The IANA zone it was planned in; its page shows times there. */
  timeZone: string;
  /** A meeting link (may be empty). */
  onlineUrl: string;
  /** A venue or address (may be empty). */
  place: string;
  /** Seats; null: no limit. */
  capacity: number | null;
}

export interface EventRecord extends EventDetails {
  topicId: number;
  goingCount: number;
  updatedAt: Date;
}

export interface RsvpCounts {
  going: number;
  maybe: number;
  notGoing: number;
  waitlist: number;
}

type EventRow = { topic_id: number; starts_at: Date | string; ends_at: Date | string; time_zone: string; online_url: string; place: string; capacity: number | null; going_count: number; updated_at: Date | string };

const toEvent = (r: EventRow): EventRecord => ({
  topicId: r.topic_id,
  startsAt: toDate(r.starts_at),
  endsAt: toDate(r.ends_at),
  timeZone: r.time_zone,
  onlineUrl: r.online_url,
  place: r.place,
  capacity: r.capacity === null ? null : Number(r.capacity),
  goingCount: Number(r.going_count),
  updatedAt: toDate(r.updated_at),
});

export async function findEvent(db: Tx, topicId: number): Promise<EventRecord | null> {
  const r = await db.selectFrom("events").selectAll().where("topic_id", "=", topicId).executeTakeFirst();
  return r ? toEvent(r) : null;
}

/** Reads the event and, on PostgreSQL, holds its row until the transaction ends (seats are counted under it). */
export async function lockEvent(trx: Tx, engine: Engine, topicId: number): Promise<EventRecord | null> {
  const q = trx.selectFrom("events").selectAll().where("topic_id", "=", topicId);
  const r = await (engine === "postgres" ? q.forUpdate() : q).executeTakeFirst();
  return r ? toEvent(r) : null;
}

const columns = (d: EventDetails) => ({ starts_at: d.startsAt, ends_at: d.endsAt, time_zone: d.timeZone, online_url: d.onlineUrl, place: d.place, capacity: d.capacity });

export async function insertEvent(db: Tx, topicId: number, d: EventDetails, now: Date): Promise<void> {
  await db.insertInto("events").values({ topic_id: topicId, ...columns(d), updated_at: now }).execute();
}

export async function saveEvent(db: Tx, topicId: number, d: EventDetails, now: Date): Promise<void> {
  await db.updateTable("events").set({ ...columns(d), updated_at: now }).where("topic_id", "=", topicId).execute();
}

export async function rsvpOf(db: Tx, topicId: number, userId: number): Promise<{ status: RsvpStatus; respondedAt: Date } | null> {
  const r = await db.selectFrom("event_rsvps").select(["status", "responded_at"]).where("topic_id", "=", topicId).where("user_id", "=", userId).executeTakeFirst();
  return r ? { status: r.status as RsvpStatus, respondedAt: toDate(r.responded_at) } : null;
}

/** Sets a member's answer (`responded_at` is when they took this place: a waiting list is first come, first served). */
export async function saveRsvp(db: Tx, topicId: number, userId: number, status: RsvpStatus, now: Date): Promise<void> {
  await db
    .insertInto("event_rsvps")
    .values({ topic_id: topicId, user_id: userId, status, responded_at: now })
    .onConflict((oc) => oc.columns(["topic_id", "user_id"]).doUpdateSet({ status, responded_at: now }))
    .execute();
}

export async function deleteRsvp(db: Tx, topicId: number, userId: number): Promise<void> {
  await db.deleteFrom("event_rsvps").where("topic_id", "=", topicId).where("user_id", "=", userId).execute();
}

/** Keeps `events.going_count` equal to the going answers. */
export async function recountGoing(db: Tx, topicId: number): Promise<number> {
  const r = await db.selectFrom("event_rsvps").select((eb) => eb.fn.countAll<number>().as("n")).where("topic_id", "=", topicId).where("status", "=", "going").executeTakeFirst();
  const n = Number(r?.n ?? 0);
  await db.updateTable("events").set({ going_count: n }).where("topic_id", "=", topicId).execute();
  return n;
}

/** The first `n` on the waiting list, first come first. */
export async function nextWaiting(db: Tx, topicId: number, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const rows = await db.selectFrom("event_rsvps").select("user_id").where("topic_id", "=", topicId).where("status", "=", "waitlist").orderBy("responded_at").orderBy("user_id").limit(n).execute();
  return rows.map((r) => r.user_id);
}

export async function promote(db: Tx, topicId: number, userIds: number[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.updateTable("event_rsvps").set({ status: "going" }).where("topic_id", "=", topicId).where("user_id", "in", userIds).execute();
}

export async function rsvpCounts(db: Tx, topicId: number): Promise<RsvpCounts> {
  const rows = await db.selectFrom("event_rsvps").select((eb) => ["status", eb.fn.countAll<number>().as("n")]).where("topic_id", "=", topicId).groupBy("status").execute();
  const by = new Map(rows.map((r) => [r.status, Number(r.n)]));
  return { going: by.get("going") ?? 0, maybe: by.get("maybe") ?? 0, notGoing: by.get("not_going") ?? 0, waitlist: by.get("waitlist") ?? 0 };
}

/** Place on the waiting list (1: next to get a seat). */
export async function waitlistPosition(db: Tx, topicId: number, userId: number, respondedAt: Date): Promise<number> {
  const r = await db
    .selectFrom("event_rsvps")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("topic_id", "=", topicId)
    .where("status", "=", "waitlist")
    .where((eb) => eb.or([eb("responded_at", "<", respondedAt), eb.and([eb("responded_at", "=", respondedAt), eb("user_id", "<", userId)])]))
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

/** Who answered `status`, first to answer first (at most `limit`). */
export async function peopleWith(db: Tx, topicId: number, status: RsvpStatus, limit: number): Promise<UserSummary[]> {
  const rows = await db.selectFrom("event_rsvps").select("user_id").where("topic_id", "=", topicId).where("status", "=", status).orderBy("responded_at").orderBy("user_id").limit(limit).execute();
  const users = await userSummaries(db, rows.map((r) => r.user_id));
  return rows.flatMap((r) => (users.has(r.user_id) ? [users.get(r.user_id)!] : []));
}

/** The member's answers among these events (for "you're going" in lists). */
export async function rsvpsBy(db: Tx, userId: number, topicIds: number[]): Promise<Map<number, RsvpStatus>> {
  if (topicIds.length === 0) return new Map();
  const rows = await db.selectFrom("event_rsvps").select(["topic_id", "status"]).where("user_id", "=", userId).where("topic_id", "in", topicIds).execute();
  return new Map(rows.map((r) => [r.topic_id, r.status as RsvpStatus]));
}

export async function eventRows(db: Tx, topicIds: number[]): Promise<Map<number, EventRecord>> {
  if (topicIds.length === 0) return new Map();
  const rows = await db.selectFrom("events").selectAll().where("topic_id", "in", topicIds).execute();
  return new Map(rows.map((r) => [r.topic_id, toEvent(r)]));
}

/** The list condition (topics aliased `t`) for events overlapping [from, to), or ending at/after `from` when `to` is absent. */
export function eventsBetween(window: { from?: Date; to?: Date; endedBefore?: Date }): TopicWhere {
  return (eb) => {
    let q = eb.selectFrom("events as e").select(sql`1`.as("one")).whereRef("e.topic_id", "=", "t.id");
    if (window.from) q = q.where("e.ends_at", ">", window.from);
    if (window.to) q = q.where("e.starts_at", "<", window.to);
    if (window.endedBefore) q = q.where("e.ends_at", "<=", window.endedBefore);
    return eb.exists(q);
  };
}

const startExpr = sql`(select e.starts_at from events e where e.topic_id = t.id)`;
/** Soonest first (upcoming) or latest first (past). */
export const byStart = (dir: "asc" | "desc"): NonNullable<TopicFilter["orderBy"]>[number] => ({ expr: startExpr, dir });
