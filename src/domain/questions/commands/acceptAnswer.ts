import { z } from "zod";
import type { Actor } from "../../actor.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { findPost } from "../../content/repo.js";
import { Id } from "../../content/schemas.js";
import { insertNotifications } from "../../notifications/repo.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { loadQuestionToAnswer } from "../load.js";
import { findAcceptedAnswer, saveAcceptedAnswer } from "../repo.js";

export const AcceptAnswerInput = z.object({ topicId: Id, postId: Id });

export interface AcceptedAnswerChange {
  topicId: number;
  postId: number | null;
  /** False when nothing changed (that reply already was the answer, or there was none to remove). */
  changed: boolean;
}

/**
 * Marks a reply as the question's accepted answer, replacing any earlier one (the asker, staff or
 * moderators). Tells the answer's author, records `question.accept` in the audit log and emits
 * `question.answerAccepted`. Fails: invalid (not a question; the post is not a live reply of this
 * topic), not_found, unauthenticated, forbidden.
 */
export async function acceptAnswer(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<AcceptedAnswerChange>> {
  const parsed = parseInput(AcceptAnswerInput, input);
  if (!parsed.ok) return parsed;
  const { topicId, postId } = parsed.value;
  const loaded = await loadQuestionToAnswer(ctx, actor, topicId);
  if (!loaded.ok) return loaded;
  const post = await findPost(ctx.db, postId);
  if (!post || post.topicId !== topicId || post.deleted || post.postNumber === 1) {
    return err("invalid", "questions:errors.notAnAnswer", { fields: { postId: { key: "validation.notAnAnswer" } } });
  }
  const current = await findAcceptedAnswer(ctx.db, topicId);
  if (current?.postId === postId) return ok({ topicId, postId, changed: false });
  const now = ctx.clock();
  const by = loaded.value.actor;
  await transact(ctx, async (trx) => {
    await saveAcceptedAnswer(trx, { topicId, postId, acceptedBy: by.id, acceptedAt: now });
    if (post.userId !== by.id) {
      await insertNotifications(trx, [{ userId: post.userId, kind: "questions.accepted", actorId: by.id, topicId, postId }], now);
    }
    await audit(trx, by, "question.accept", "topic", topicId, { postId, previousPostId: current?.postId ?? null }, now);
    await ctx.jobs.emit(trx, "question.answerAccepted", { topicId, postId, categoryId: loaded.value.topic.categoryId, userId: by.id });
  });
  return ok({ topicId, postId, changed: true });
}
