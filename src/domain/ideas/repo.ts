import { type RawBuilder, sql } from "kysely";
import { toDate } from "../../db/codec.js";
import type { UserSummary } from "../accounts/types.js";
import type { TopicWhere } from "../content/repo.js";
import { userSummaries } from "../content/repo.js";
import type { Tx } from "../ctx.js";
import { CLOSED_STATUSES, type IdeaStatus, ideaStatus } from "./policy.js";

export interface IdeaRecord {
  topicId: number;
  status: IdeaStatus;
  votes: number;
  statusChangedAt: Date | null;
}

/** The idea's row; an idea without one (started before ideas had rows) is new and has no votes. */
export async function findIdea(db: Tx, topicId: number): Promise<IdeaRecord> {
  const r = await db.selectFrom("ideas").selectAll().where("topic_id", "=", topicId).executeTakeFirst();
  return r
    ? { topicId, status: ideaStatus(r.status), votes: r.vote_count, statusChangedAt: r.status_changed_at ? toDate(r.status_changed_at) : null }
    : { topicId, status: "new", votes: 0, statusChangedAt: null };
}

export async function ensureIdea(db: Tx, topicId: number): Promise<void> {
  await db.insertInto("ideas").values({ topic_id: topicId }).onConflict((oc) => oc.column("topic_id").doNothing()).execute();
}

export async function hasVoted(db: Tx, topicId: number, userId: number): Promise<boolean> {
  return !!(await db.selectFrom("idea_votes").select("topic_id").where("topic_id", "=", topicId).where("user_id", "=", userId).executeTakeFirst());
}

/** How many open ideas (not done or declined, not deleted) the member has a vote on. */
export async function countOpenVotes(db: Tx, userId: number): Promise<number> {
  const r = await db
    .selectFrom("idea_votes as v")
    .innerJoin("ideas as i", "i.topic_id", "v.topic_id")
    .innerJoin("topics as t", "t.id", "v.topic_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("v.user_id", "=", userId)
    .where("i.status", "not in", CLOSED_STATUSES as IdeaStatus[])
    .where("t.deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Adds the vote and counts it; false when the member had already voted. */
export async function insertVote(db: Tx, topicId: number, userId: number, now: Date): Promise<boolean> {
  const res = await db
    .insertInto("idea_votes")
    .values({ topic_id: topicId, user_id: userId, created_at: now })
    .onConflict((oc) => oc.columns(["topic_id", "user_id"]).doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await db.updateTable("ideas").set((eb) => ({ vote_count: eb("vote_count", "+", 1) })).where("topic_id", "=", topicId).execute();
  return true;
}

/** Withdraws the vote; false when there was none. */
export async function deleteVote(db: Tx, topicId: number, userId: number): Promise<boolean> {
  const res = await db.deleteFrom("idea_votes").where("topic_id", "=", topicId).where("user_id", "=", userId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) return false;
  await db.updateTable("ideas").set((eb) => ({ vote_count: eb("vote_count", "-", 1) })).where("topic_id", "=", topicId).execute();
  return true;
}

export async function voterIds(db: Tx, topicId: number): Promise<number[]> {
  return (await db.selectFrom("idea_votes").select("user_id").where("topic_id", "=", topicId).orderBy("created_at").execute()).map((r) => r.user_id);
}

export async function saveStatus(db: Tx, topicId: number, status: IdeaStatus, now: Date): Promise<void> {
  await db.updateTable("ideas").set({ status, status_changed_at: now }).where("topic_id", "=", topicId).execute();
}

export interface StatusChange {
  id: number;
  status: IdeaStatus;
  previousStatus: IdeaStatus;
  /** The response's Markdown source and its sanitized HTML. */
  response: string;
  responseHtml: string;
  by: UserSummary | null;
  at: Date;
}

export async function insertStatusChange(db: Tx, c: { topicId: number; status: IdeaStatus; previousStatus: IdeaStatus; response: string; responseHtml: string; changedBy: number }, now: Date): Promise<void> {
  await db
    .insertInto("idea_status_changes")
    .values({ topic_id: c.topicId, status: c.status, previous_status: c.previousStatus, response: c.response, response_html: c.responseHtml, changed_by: c.changedBy, created_at: now })
    .execute();
}

/** An idea's status changes, newest first. */
export async function statusHistory(db: Tx, topicId: number, limit = 20): Promise<StatusChange[]> {
  const rows = await db.selectFrom("idea_status_changes").selectAll().where("topic_id", "=", topicId).orderBy("id", "desc").limit(limit).execute();
  const users = await userSummaries(
    db,
    rows.flatMap((r) => (r.changed_by ? [r.changed_by] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    status: ideaStatus(r.status),
    previousStatus: ideaStatus(r.previous_status),
    response: r.response,
    responseHtml: r.response_html,
    by: (r.changed_by && users.get(r.changed_by)) || null,
    at: toDate(r.created_at),
  }));
}

export interface IdeaSummaryRow {
  status: IdeaStatus;
  votes: number;
  voted: boolean;
}

/** Status, votes and whether this member voted, for the ideas among these topics (one query). */
export async function ideaSummaries(db: Tx, topicIds: number[], userId: number | null): Promise<Map<number, IdeaSummaryRow>> {
  if (topicIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("ideas as i")
    .select(["i.topic_id", "i.status", "i.vote_count"])
    .$if(userId !== null, (q) =>
      q.select((eb) =>
        eb
          .exists(eb.selectFrom("idea_votes as v").select(sql`1`.as("one")).whereRef("v.topic_id", "=", "i.topic_id").where("v.user_id", "=", userId!))
          .as("voted"),
      ),
    )
    .where("i.topic_id", "in", topicIds)
    .execute();
  return new Map(rows.map((r) => [r.topic_id, { status: ideaStatus(r.status), votes: r.vote_count, voted: Boolean((r as { voted?: unknown }).voted) }]));
}

/** The list condition (on topics aliased `t`) for ideas with one of these statuses. */
export function ideaStatusWhere(statuses: IdeaStatus[]): TopicWhere {
  const row = (eb: Parameters<TopicWhere>[0]) => eb.selectFrom("ideas as i").select(sql`1`.as("one")).whereRef("i.topic_id", "=", "t.id");
  // An idea without its row (written by a bulk import) is new.
  if (statuses.includes("new")) return (eb) => eb.or([eb.exists(row(eb).where("i.status", "in", statuses)), eb.not(eb.exists(row(eb)))]);
  return (eb) => eb.exists(row(eb).where("i.status", "in", statuses));
}

/** Most votes first (for boards and the roadmap). */
export const byVotes: { expr: RawBuilder<unknown>; dir: "desc" } = { expr: sql`coalesce((select i.vote_count from ideas i where i.topic_id = t.id), 0)`, dir: "desc" };

/** The most recent status change first (done ideas on the roadmap). */
export const byStatusChanged: { expr: RawBuilder<unknown>; dir: "desc" } = { expr: sql`(select i.status_changed_at from ideas i where i.topic_id = t.id)`, dir: "desc" };
