import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { Id } from "../../content/schemas.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { loadIdeaToActOn } from "../load.js";
import { canVoteOnIdea, isClosedStatus } from "../policy.js";
import { countOpenVotes, deleteVote, ensureIdea, findIdea, hasVoted, insertVote } from "../repo.js";

export const VoteInput = z.object({ topicId: Id });

export interface IdeaVoteState {
  topicId: number;
  votes: number;
  voted: boolean;
  /** False when nothing changed (already voted, or no vote to withdraw). */
  changed: boolean;
  /** The member's votes on open ideas now, and the community's limit (0: none). */
  openVotes: number;
  voteLimit: number;
}

/**
 * Votes for an idea, once per member. Counts against the member's limit of votes on open ideas
 * (`ideaVoteLimit`, set by admins). Emits `idea.voted`. Fails: not_found, unauthenticated,
 * invalid (not an idea; the idea is done or declined), forbidden (may not write; the idea is
 * locked), conflict (the limit is reached: withdraw a vote first).
 */
export async function voteForIdea(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<IdeaVoteState>> {
  const parsed = parseInput(VoteInput, input);
  if (!parsed.ok) return parsed;
  const loaded = await loadIdeaToActOn(ctx, actor, parsed.value.topicId);
  if (!loaded.ok) return loaded;
  const { topic, actor: member } = loaded.value;
  const idea = await findIdea(ctx.db, topic.id);
  if (isClosedStatus(idea.status)) return err("invalid", "ideas:errors.closed");
  if (!canVoteOnIdea(member, { ...idea, locked: topic.locked, deleted: topic.deleted })) return err("forbidden", "ideas:errors.mayNotVote");
  const limit = (await ctx.cache.settings()).ideaVoteLimit;
  const now = ctx.clock();
  return transact(ctx, async (trx): Promise<Result<IdeaVoteState>> => {
    await ensureIdea(trx, topic.id);
    const open = await countOpenVotes(trx, member.id);
    const state = async (changed: boolean, openVotes: number) => ({ topicId: topic.id, votes: (await findIdea(trx, topic.id)).votes, voted: true, changed, openVotes, voteLimit: limit });
    // Voting again changes nothing and is never refused, whatever the limit.
    if (await hasVoted(trx, topic.id, member.id)) return ok(await state(false, open));
    if (limit > 0 && open >= limit) return err("conflict", "ideas:errors.voteLimit", { params: { limit } });
    await insertVote(trx, topic.id, member.id, now);
    await ctx.jobs.emit(trx, "idea.voted", { topicId: topic.id, userId: member.id, categoryId: topic.categoryId });
    return ok(await state(true, open + 1));
  });
}

/** Withdraws the member's vote (also on closed or locked ideas, which frees nothing but is theirs to take back). Fails like voting, but never for the limit. */
export async function withdrawIdeaVote(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<IdeaVoteState>> {
  const parsed = parseInput(VoteInput, input);
  if (!parsed.ok) return parsed;
  const loaded = await loadIdeaToActOn(ctx, actor, parsed.value.topicId);
  if (!loaded.ok) return loaded;
  const { topic, actor: member } = loaded.value;
  const limit = (await ctx.cache.settings()).ideaVoteLimit;
  return transact(ctx, async (trx) => {
    const changed = await deleteVote(trx, topic.id, member.id);
    if (changed) await ctx.jobs.emit(trx, "idea.unvoted", { topicId: topic.id, userId: member.id, categoryId: topic.categoryId });
    const [idea, open] = await Promise.all([findIdea(trx, topic.id), countOpenVotes(trx, member.id)]);
    return ok({ topicId: topic.id, votes: idea.votes, voted: false, changed, openVotes: open, voteLimit: limit });
  });
}
