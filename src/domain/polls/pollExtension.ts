import { z } from "zod";
import type { Actor } from "../actor.js";
import { registerPostExtension } from "../content/postExtensions.js";
import { toBool } from "../../db/codec.js";
import { err } from "../../lib/result.js";
import { MAX_POLL_OPTIONS, POLL_RESULTS, type PollResults, canClosePoll, canSeePollResults, canVoteInPoll, isPollClosed } from "./policy.js";
import { type PollRecord, choicesOf, insertPoll, pollsOfPosts } from "./repo.js";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

/** A poll's fields when a post is written (`poll.*` in forms, `poll: {...}` in JSON). */
export const PollFields = z.object({
  question: z.string().trim().max(300).default(""),
  /** One option per line in forms; an array in JSON. Blank lines are dropped. */
  options: z
    .preprocess((v) => (typeof v === "string" ? v.split(/\r?\n/) : (v ?? [])), z.array(z.string().trim().max(200)).max(60))
    .transform((a) => a.filter((x) => x !== "")),
  multiple: checkbox.default(false),
  results: z.preprocess(blank, z.enum(POLL_RESULTS).default("after_vote")),
  /** Forms: how many hours it stays open (time-zone free). */
  duration: z.preprocess(blank, z.coerce.number().int().min(1).max(24 * 365).optional()),
  /** JSON: when it closes, ISO 8601 with an offset. */
  closesAt: z.preprocess(blank, z.coerce.date().optional()),
});
export type PollFieldValues = z.output<typeof PollFields>;

/** A poll as a post shows it to one reader. Counts are null while the reader may not see results. */
export interface PollView {
  id: number;
  question: string;
  multiple: boolean;
  results: PollResults;
  closesAt: Date | null;
  closed: boolean;
  voters: number;
  options: Array<{ id: number; label: string; votes: number | null }>;
  /** The options this reader chose (empty: has not voted). */
  myChoices: number[];
  canVote: boolean;
  canClose: boolean;
  showResults: boolean;
}

declare module "../content/postExtensions.js" {
  interface PostExtensionDataMap {
    poll: PollView;
  }
}

const closingTime = (f: PollFieldValues, now: Date): Date | null => (f.closesAt ? f.closesAt : f.duration ? new Date(now.getTime() + f.duration * 3_600_000) : null);

/** Builds what one reader sees of a poll. */
export function pollView(poll: PollRecord, actor: Actor, ctx: { now: Date; authorId: number; topic: { locked: boolean; deleted: boolean }; myChoices: number[] }): PollView {
  const state = { closesAt: poll.closesAt, closedAt: poll.closedAt, results: poll.results, authorId: ctx.authorId };
  const show = canSeePollResults(state, ctx.myChoices.length > 0, ctx.now);
  return {
    id: poll.id,
    question: poll.question,
    multiple: poll.multiple,
    results: poll.results,
    closesAt: poll.closedAt ?? poll.closesAt,
    closed: isPollClosed(state, ctx.now),
    voters: poll.voters,
    options: poll.options.map((o) => ({ id: o.id, label: o.label, votes: show ? o.votes : null })),
    myChoices: ctx.myChoices,
    canVote: canVoteInPoll(actor, state, ctx.topic, ctx.now),
    canClose: canClosePoll(actor, state, ctx.now),
    showResults: show,
  };
}

/** Polls: a question with 2–20 options inside any post; members vote once and may change it until it closes. */
registerPostExtension<PollFieldValues>({
  key: "poll",
  fields: PollFields,
  present: (f) => f.question !== "" || f.options.length > 0,
  async validate(ctx, _actor, f) {
    const fields: Record<string, { key: string; params?: Record<string, string | number> }> = {};
    if (f.question === "") fields["poll.question"] = { key: "validation.required" };
    const distinct = new Set(f.options.map((o) => o.toLowerCase()));
    if (f.options.length < 2) fields["poll.options"] = { key: "validation.pollTooFewOptions" };
    else if (f.options.length > MAX_POLL_OPTIONS) fields["poll.options"] = { key: "validation.pollTooManyOptions", params: { max: MAX_POLL_OPTIONS } };
    else if (distinct.size !== f.options.length) fields["poll.options"] = { key: "validation.pollDuplicateOptions" };
    const closes = closingTime(f, ctx.clock());
    if (closes && closes.getTime() <= ctx.clock().getTime()) fields["poll.closesAt"] = { key: "validation.pollClosesInPast" };
    return Object.keys(fields).length > 0 ? err("invalid", "polls:errors.invalid", { fields }) : null;
  },
  async onCreate(trx, ctx, _actor, post, f) {
    const now = ctx.clock();
    await insertPoll(trx, { postId: post.postId, question: f.question, options: f.options, multiple: f.multiple, results: f.results, closesAt: closingTime(f, now) }, now);
  },
  async load(ctx, actor, postIds) {
    const polls = await pollsOfPosts(ctx.db, postIds);
    if (polls.length === 0) return new Map();
    const mine = actor.kind === "user" ? await choicesOf(ctx.db, polls.map((p) => p.id), actor.id) : new Map<number, number[]>();
    const now = ctx.clock();
    const out = new Map<number, PollView>();
    // One query for the posts' authors and their topics' state (locked or deleted topics take no votes).
    const posts = await ctx.db
      .selectFrom("posts as p")
      .innerJoin("topics as t", "t.id", "p.topic_id")
      .select(["p.id", "p.user_id", "t.locked", "t.deleted_at"])
      .where("p.id", "in", polls.map((x) => x.postId))
      .execute();
    const byPost = new Map(posts.map((r) => [r.id, r]));
    for (const poll of polls) {
      const post = byPost.get(poll.postId);
      if (!post) continue;
      out.set(poll.postId, pollView(poll, actor, { now, authorId: post.user_id, topic: { locked: toBool(post.locked), deleted: post.deleted_at !== null }, myChoices: mine.get(poll.id) ?? [] }));
    }
    return out;
  },
});
