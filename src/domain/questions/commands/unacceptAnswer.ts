import { z } from "zod";
import type { Actor } from "../../actor.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { Id } from "../../content/schemas.js";
import { type Result, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { loadQuestionToAnswer } from "../load.js";
import { deleteAcceptedAnswer, findAcceptedAnswer } from "../repo.js";
import type { AcceptedAnswerChange } from "./acceptAnswer.js";

export const UnacceptAnswerInput = z.object({ topicId: Id });

/**
 * Takes back a question's accepted answer, so it shows as unsolved again (the asker, staff or
 * moderators). Records `question.unaccept` and emits `question.answerUnaccepted`.
 * Fails: invalid (not a question), not_found, unauthenticated, forbidden.
 */
export async function unacceptAnswer(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<AcceptedAnswerChange>> {
  const parsed = parseInput(UnacceptAnswerInput, input);
  if (!parsed.ok) return parsed;
  const { topicId } = parsed.value;
  const loaded = await loadQuestionToAnswer(ctx, actor, topicId);
  if (!loaded.ok) return loaded;
  const current = await findAcceptedAnswer(ctx.db, topicId);
  if (!current) return ok({ topicId, postId: null, changed: false });
  const now = ctx.clock();
  await transact(ctx, async (trx) => {
    await deleteAcceptedAnswer(trx, topicId);
    await audit(trx, loaded.value.actor, "question.unaccept", "topic", topicId, { postId: current.postId }, now);
    await ctx.jobs.emit(trx, "question.answerUnaccepted", { topicId, postId: current.postId, categoryId: loaded.value.topic.categoryId, userId: loaded.value.actor.id });
  });
  return ok({ topicId, postId: null, changed: true });
}
