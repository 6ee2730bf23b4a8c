import { sql } from "kysely";
import { toBool, toDate } from "../../db/codec.js";
import type { Tx } from "../ctx.js";
import { type PollResults, pollResults } from "./policy.js";

export interface PollRecord {
  id: number;
  postId: number;
  question: string;
  multiple: boolean;
  results: PollResults;
  closesAt: Date | null;
  closedAt: Date | null;
  voters: number;
  createdAt: Date;
  options: Array<{ id: number; label: string; votes: number }>;
}

type PollRow = { id: number; post_id: number; question: string; multiple: unknown; results: string; closes_at: Date | string | null; closed_at: Date | string | null; voter_count: number; created_at: Date | string };

const toPoll = (r: PollRow, options: PollRecord["options"]): PollRecord => ({
  id: r.id,
  postId: r.post_id,
  question: r.question,
  multiple: toBool(r.multiple),
  results: pollResults(r.results),
  closesAt: r.closes_at ? toDate(r.closes_at) : null,
  closedAt: r.closed_at ? toDate(r.closed_at) : null,
  voters: r.voter_count,
  createdAt: toDate(r.created_at),
  options,
});

export async function insertPoll(db: Tx, p: { postId: number; question: string; options: string[]; multiple: boolean; results: PollResults; closesAt: Date | null }, now: Date): Promise<number> {
  const row = await db
    .insertInto("polls")
    .values({ post_id: p.postId, question: p.question, multiple: p.multiple, results: p.results, closes_at: p.closesAt, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("poll_options")
    .values(p.options.map((label, position) => ({ poll_id: row.id, position, label })))
    .execute();
  return row.id;
}

/** Polls of these posts with their options in order (two queries for any number of posts). */
export async function pollsOfPosts(db: Tx, postIds: number[]): Promise<PollRecord[]> {
  if (postIds.length === 0) return [];
  const rows = await db.selectFrom("polls").selectAll().where("post_id", "in", postIds).execute();
  return withOptions(db, rows);
}

export async function findPoll(db: Tx, pollId: number): Promise<PollRecord | null> {
  const rows = await db.selectFrom("polls").selectAll().where("id", "=", pollId).execute();
  return (await withOptions(db, rows))[0] ?? null;
}

async function withOptions(db: Tx, rows: PollRow[]): Promise<PollRecord[]> {
  if (rows.length === 0) return [];
  const options = await db
    .selectFrom("poll_options")
    .select(["id", "poll_id", "label", "vote_count"])
    .where("poll_id", "in", rows.map((r) => r.id))
    .orderBy("poll_id")
    .orderBy("position")
    .execute();
  return rows.map((r) => toPoll(r, options.filter((o) => o.poll_id === r.id).map((o) => ({ id: o.id, label: o.label, votes: o.vote_count }))));
}

/** The options this member chose, per poll. */
export async function choicesOf(db: Tx, pollIds: number[], userId: number): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (pollIds.length === 0) return out;
  const rows = await db.selectFrom("poll_votes").select(["poll_id", "option_id"]).where("poll_id", "in", pollIds).where("user_id", "=", userId).execute();
  for (const r of rows) out.set(r.poll_id, [...(out.get(r.poll_id) ?? []), r.option_id]);
  return out;
}

/** Replaces the member's choices in a poll (none: withdraws) and recounts the poll. */
export async function saveChoices(db: Tx, pollId: number, userId: number, optionIds: number[], now: Date): Promise<void> {
  await db.deleteFrom("poll_votes").where("poll_id", "=", pollId).where("user_id", "=", userId).execute();
  if (optionIds.length > 0) {
    await db
      .insertInto("poll_votes")
      .values(optionIds.map((option_id) => ({ poll_id: pollId, option_id, user_id: userId, created_at: now })))
      .execute();
  }
  await db
    .updateTable("poll_options")
    .set({ vote_count: sql<number>`(select count(*) from poll_votes v where v.option_id = poll_options.id)` })
    .where("poll_id", "=", pollId)
    .execute();
  await db
    .updateTable("polls")
    .set({ voter_count: sql<number>`(select count(distinct v.user_id) from poll_votes v where v.poll_id = polls.id)` })
    .where("id", "=", pollId)
    .execute();
}

export async function closePollRow(db: Tx, pollId: number, now: Date): Promise<boolean> {
  const res = await db.updateTable("polls").set({ closed_at: now }).where("id", "=", pollId).where("closed_at", "is", null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
