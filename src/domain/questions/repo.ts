import { sql } from "kysely";
import type { Tx } from "../ctx.js";
import type { TopicWhere } from "../content/repo.js";
import { toDate } from "../../db/codec.js";

/** A question's accepted answer as stored. */
export interface AcceptedAnswerRecord {
  topicId: number;
  postId: number;
  acceptedBy: number | null;
  acceptedAt: Date;
}

export async function findAcceptedAnswer(db: Tx, topicId: number): Promise<AcceptedAnswerRecord | null> {
  const r = await db.selectFrom("question_answers").selectAll().where("topic_id", "=", topicId).executeTakeFirst();
  return r ? { topicId: r.topic_id, postId: r.post_id, acceptedBy: r.accepted_by, acceptedAt: toDate(r.accepted_at) } : null;
}

/**
 * Which of these topics are solved: their accepted answer still exists and is not deleted (an
 * answer deleted later leaves the question unsolved without anyone touching the row).
 */
export async function solvedTopicIds(db: Tx, topicIds: number[]): Promise<Map<number, number>> {
  if (topicIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("question_answers as qa")
    .innerJoin("posts as p", "p.id", "qa.post_id")
    .select(["qa.topic_id", "qa.post_id"])
    .where("qa.topic_id", "in", topicIds)
    .where("p.deleted_at", "is", null)
    .execute();
  return new Map(rows.map((r) => [r.topic_id, r.post_id]));
}

export async function saveAcceptedAnswer(db: Tx, a: AcceptedAnswerRecord): Promise<void> {
  await db
    .insertInto("question_answers")
    .values({ topic_id: a.topicId, post_id: a.postId, accepted_by: a.acceptedBy, accepted_at: a.acceptedAt })
    .onConflict((oc) => oc.column("topic_id").doUpdateSet({ post_id: a.postId, accepted_by: a.acceptedBy, accepted_at: a.acceptedAt }))
    .execute();
}

export async function deleteAcceptedAnswer(db: Tx, topicId: number): Promise<void> {
  await db.deleteFrom("question_answers").where("topic_id", "=", topicId).execute();
}

/** Question list filters: answered and accepted, or still waiting for an accepted answer. */
export type QuestionStatus = "solved" | "unsolved";
export const QUESTION_STATUSES: QuestionStatus[] = ["solved", "unsolved"];

/** The list condition (on topics aliased `t`) for a question status; the list also keeps to questions. */
export function questionStatusWhere(status: QuestionStatus): TopicWhere {
  return (eb) => {
    const solved = eb.exists(
      eb
        .selectFrom("question_answers as qa")
        .innerJoin("posts as ap", "ap.id", "qa.post_id")
        .select(sql`1`.as("one"))
        .whereRef("qa.topic_id", "=", "t.id")
        .where("ap.deleted_at", "is", null),
    );
    return status === "solved" ? solved : eb.not(solved);
  };
}
