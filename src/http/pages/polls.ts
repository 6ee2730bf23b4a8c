import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Ctx } from "../../domain/ctx.js";
import { closePoll } from "../../domain/polls/commands/closePoll.js";
import { votePoll, withdrawPollVote } from "../../domain/polls/commands/votePoll.js";
import type { Failure, Result } from "../../lib/result.js";
import { redirectLocal, setFlash } from "../render.js";
import { sendErrorPage } from "./errorPage.js";
import { toId } from "../forms.js";

type PollRequest = FastifyRequest<{ Params: { id: string }; Body: Record<string, unknown> }>;


/** Vote, change, withdraw and close (forms; POST → redirect back to the post with a message). */
export function pollPages(app: FastifyInstance, ctx: Ctx): void {
  const after = async (req: PollRequest, reply: FastifyReply, run: (pollId: number) => Promise<Result<unknown>>, flash: string) => {
    const pollId = toId(req.params.id);
    const back = typeof req.body?.next === "string" && req.body.next.startsWith("/") ? req.body.next : "/";
    const res: Result<unknown> | Failure = pollId ? await run(pollId) : { ok: false, code: "not_found", messageKey: "polls:errors.notFound" };
    if (res.ok) {
      setFlash(reply, flash);
      return redirectLocal(reply, back);
    }
    if (res.code === "unauthenticated") return reply.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
    // A closed poll, no option chosen, a locked topic: back to the post, saying why.
    if ((res.code === "invalid" || res.code === "forbidden" || res.code === "conflict") && res.messageKey) {
      setFlash(reply, res.messageKey, "error");
      return redirectLocal(reply, back);
    }
    return sendErrorPage(ctx, req, reply, res);
  };
  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>("/polls/:id/vote", (req, reply) =>
    after(req, reply, (pollId) => votePoll(ctx, req.actor, { pollId, optionIds: req.body?.option }), "polls:flash.voted"),
  );
  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>("/polls/:id/unvote", (req, reply) =>
    after(req, reply, (pollId) => withdrawPollVote(ctx, req.actor, { pollId }), "polls:flash.withdrawn"),
  );
  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>("/polls/:id/close", (req, reply) =>
    after(req, reply, (pollId) => closePoll(ctx, req.actor, { pollId }), "polls:flash.closed"),
  );
}
