import { z } from "zod";
import type { Actor } from "../../actor.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { cookPost } from "../../content/cook.js";
import { firstPostId } from "../../content/repo.js";
import { Id } from "../../content/schemas.js";
import { insertNotifications } from "../../notifications/repo.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { loadIdeaToActOn } from "../load.js";
import { IDEA_STATUSES, type IdeaStatus, canSetIdeaStatus } from "../policy.js";
import { ensureIdea, findIdea, insertStatusChange, saveStatus, voterIds } from "../repo.js";

export const SetIdeaStatusInput = z.object({
  topicId: Id,
  status: z.enum(IDEA_STATUSES),
  /** The public response (Markdown), shown with the status. */
  response: z.string().trim().max(10_000).default(""),
});

export interface IdeaStatusChange {
  topicId: number;
  status: IdeaStatus;
  previousStatus: IdeaStatus;
  /** How many voters (and the author) were notified. */
  notified: number;
}

/**
 * Sets an idea's status with an optional public response (staff only). Recorded in the idea's
 * history and the audit log; its voters and its author are notified (`ideas.status`) and
 * `idea.statusChanged` is emitted. The same status again with a new response is a change too
 * (staff answering again). Fails: not_found, unauthenticated, invalid (not an idea; unknown
 * status; neither a new status nor a response), forbidden (not staff).
 */
export async function setIdeaStatus(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<IdeaStatusChange>> {
  const parsed = parseInput(SetIdeaStatusInput, input);
  if (!parsed.ok) return parsed;
  const { topicId, status, response } = parsed.value;
  const loaded = await loadIdeaToActOn(ctx, actor, topicId);
  if (!loaded.ok) return loaded;
  const { topic, actor: staff } = loaded.value;
  if (!canSetIdeaStatus(staff, topic)) return err("forbidden", "ideas:errors.mayNotSetStatus");
  const before = await findIdea(ctx.db, topicId);
  if (before.status === status && response === "") return err("invalid", "ideas:errors.nothingChanged", { fields: { response: { key: "validation.ideaResponseRequired" } } });
  const responseHtml = response ? (await cookPost(ctx, ctx.db, response)).html : "";
  const firstId = await firstPostId(ctx.db, topicId);
  const first = firstId === null ? null : { id: firstId };
  const now = ctx.clock();
  const notified = await transact(ctx, async (trx) => {
    await ensureIdea(trx, topicId);
    await saveStatus(trx, topicId, status, now);
    await insertStatusChange(trx, { topicId, status, previousStatus: before.status, response, responseHtml, changedBy: staff.id }, now);
    const recipients = [...new Set([...(await voterIds(trx, topicId)), topic.userId])].filter((id) => id !== staff.id);
    if (first) await insertNotifications(trx, recipients.map((userId) => ({ userId, kind: "ideas.status", actorId: staff.id, topicId, postId: first.id })), now);
    await audit(trx, staff, "idea.status", "topic", topicId, { from: before.status, to: status }, now);
    await ctx.jobs.emit(trx, "idea.statusChanged", { topicId, categoryId: topic.categoryId, status, previousStatus: before.status, userId: staff.id });
    return first ? recipients.length : 0;
  });
  return ok({ topicId, status, previousStatus: before.status, notified });
}
