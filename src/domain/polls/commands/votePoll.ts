import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { Id } from "../../content/schemas.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { type LoadedPoll, loadPollToActOn } from "../load.js";
import { type PollView, pollView } from "../pollExtension.js";
import { canVoteInPoll, isPollClosed } from "../policy.js";
import { findPoll, saveChoices } from "../repo.js";

/** Forms send one `option` (radio) or several (checkboxes); JSON sends `optionIds`. */
export const VotePollInput = z.object({
  pollId: Id,
  optionIds: z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(Id).max(20)),
});

async function refusal(ctx: Ctx, loaded: LoadedPoll) {
  const { poll, topic, post, actor } = loaded;
  const now = ctx.clock();
  if (isPollClosed(poll, now)) return err("invalid", "polls:errors.closed");
  if (!canVoteInPoll(actor, { ...poll, authorId: post.userId }, topic, now)) return err("forbidden", topic.locked ? "errors:topicLocked" : "polls:errors.mayNotVote");
  return null;
}

async function state(ctx: Ctx, loaded: LoadedPoll, choices: number[]): Promise<PollView> {
  const poll = (await findPoll(ctx.db, loaded.poll.id))!;
  return pollView(poll, loaded.actor, { now: ctx.clock(), authorId: loaded.post.userId, topic: loaded.topic, myChoices: choices });
}

/**
 * Votes in a poll, or changes the member's vote (their choices are replaced), while it is open.
 * Single-choice polls take exactly one option; multiple-choice ones one or more. Emits
 * `poll.voted`. Fails: invalid (no option, an option of another poll, several in a single-choice
 * poll; the poll is closed), not_found, unauthenticated, forbidden (may not write; locked topic).
 */
export async function votePoll(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<PollView>> {
  const parsed = parseInput(VotePollInput, input);
  if (!parsed.ok) return parsed;
  const loaded = await loadPollToActOn(ctx, actor, parsed.value.pollId);
  if (!loaded.ok) return loaded;
  const refused = await refusal(ctx, loaded.value);
  if (refused) return refused;
  const { poll, actor: member } = loaded.value;
  const chosen = [...new Set(parsed.value.optionIds)];
  if (chosen.length === 0) return err("invalid", "polls:errors.chooseOne", { fields: { optionIds: { key: "validation.pollChoose" } } });
  if (!chosen.every((id) => poll.options.some((o) => o.id === id))) return err("invalid", "polls:errors.unknownOption", { fields: { optionIds: { key: "validation.choice" } } });
  if (!poll.multiple && chosen.length > 1) return err("invalid", "polls:errors.singleChoice", { fields: { optionIds: { key: "validation.pollSingle" } } });
  await transact(ctx, async (trx) => {
    await saveChoices(trx, poll.id, member.id, chosen, ctx.clock());
    await ctx.jobs.emit(trx, "poll.voted", { pollId: poll.id, postId: poll.postId, topicId: loaded.value.topic.id, categoryId: loaded.value.topic.categoryId, userId: member.id });
  });
  return ok(await state(ctx, loaded.value, chosen));
}

/** Takes the member's vote back while the poll is open (nothing to take back: no change). Fails like voting. */
export async function withdrawPollVote(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<PollView>> {
  const parsed = parseInput(z.object({ pollId: Id }), input);
  if (!parsed.ok) return parsed;
  const loaded = await loadPollToActOn(ctx, actor, parsed.value.pollId);
  if (!loaded.ok) return loaded;
  const refused = await refusal(ctx, loaded.value);
  if (refused) return refused;
  await transact(ctx, (trx) => saveChoices(trx, loaded.value.poll.id, loaded.value.actor.id, [], ctx.clock()));
  return ok(await state(ctx, loaded.value, []));
}
