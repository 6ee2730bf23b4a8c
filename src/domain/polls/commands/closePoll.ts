import { z } from "zod";
import { type Actor, isModerator } from "../../actor.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { Id } from "../../content/schemas.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { loadPollToActOn } from "../load.js";
import { canClosePoll, isPollClosed } from "../policy.js";
import { closePollRow } from "../repo.js";

/**
 * Closes a poll before its time (the post's author or a moderator): no more votes, results shown
 * to everyone. A moderator closing someone else's poll is audited (`poll.close`).
 * Fails: not_found, unauthenticated, forbidden, conflict (already closed).
 */
export async function closePoll(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ pollId: number }>> {
  const parsed = parseInput(z.object({ pollId: Id }), input);
  if (!parsed.ok) return parsed;
  const loaded = await loadPollToActOn(ctx, actor, parsed.value.pollId);
  if (!loaded.ok) return loaded;
  const { poll, post, actor: user } = loaded.value;
  const now = ctx.clock();
  if (isPollClosed(poll, now)) return err("conflict", "polls:errors.closed");
  if (!canClosePoll(user, { ...poll, authorId: post.userId }, now)) return err("forbidden", "polls:errors.mayNotClose");
  const done = await transact(ctx, async (trx) => {
    if (!(await closePollRow(trx, poll.id, now))) return false;
    if (user.id !== post.userId && isModerator(user)) await audit(trx, user, "poll.close", "post", post.id, { pollId: poll.id }, now);
    return true;
  });
  if (!done) return err("conflict", "polls:errors.closed");
  return ok({ pollId: poll.id });
}
