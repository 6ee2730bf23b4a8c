import type { UserSummary } from "../accounts/types.js";
import { registerTopicType } from "../content/contentTypes.js";
import { canSetIdeaStatus, canVoteOnIdea, type IdeaStatus } from "./policy.js";
import { countOpenVotes, ensureIdea, findIdea, hasVoted, ideaSummaries, statusHistory } from "./repo.js";

/** A status change as an idea page shows it. */
export interface IdeaStatusChangeView {
  status: IdeaStatus;
  previousStatus: IdeaStatus;
  responseHtml: string;
  by: UserSummary | null;
  at: Date;
}

declare module "../content/contentTypes.js" {
  interface TopicTypeDataMap {
    idea: {
      status: IdeaStatus;
      votes: number;
      /** Whether this reader has voted for it. */
      voted: boolean;
      /** Whether this reader may vote now (signed in, may write, the idea open and unlocked). */
      canVote: boolean;
      /** Whether this reader may set the status and respond (staff). */
      canSetStatus: boolean;
      /** The reader's votes on open ideas and the community's limit (0: none); 0 for visitors. */
      openVotes: number;
      voteLimit: number;
      /** Status changes with staff's responses, newest first. */
      history: IdeaStatusChangeView[];
    };
  }
  interface TopicTypeSummaryMap {
    idea: { status: IdeaStatus; votes: number; voted: boolean };
  }
}

/** Ideas: members vote, staff set a status with a public response, voters hear about it. */
registerTopicType({
  type: "idea",
  async onCreate(trx, _ctx, _actor, created) {
    await ensureIdea(trx, created.topicId);
  },
  async loadTopic(ctx, actor, { topic }) {
    const userId = actor.kind === "user" ? actor.id : null;
    const [idea, voted, history, openVotes, settings] = await Promise.all([
      findIdea(ctx.db, topic.id),
      userId ? hasVoted(ctx.db, topic.id, userId) : false,
      statusHistory(ctx.db, topic.id),
      userId ? countOpenVotes(ctx.db, userId) : 0,
      ctx.cache.settings(),
    ]);
    return {
      type: "idea",
      status: idea.status,
      votes: idea.votes,
      voted,
      canVote: canVoteOnIdea(actor, { status: idea.status, locked: topic.locked, deleted: topic.deleted }),
      canSetStatus: canSetIdeaStatus(actor, topic),
      openVotes,
      voteLimit: settings.ideaVoteLimit,
      history: history.map(({ status, previousStatus, responseHtml, by, at }) => ({ status, previousStatus, responseHtml, by, at })),
    };
  },
  async loadSummaries(ctx, actor, topicIds) {
    const rows = await ideaSummaries(ctx.db, topicIds, actor.kind === "user" ? actor.id : null);
    return new Map(topicIds.map((id) => [id, { type: "idea" as const, status: rows.get(id)?.status ?? "new", votes: rows.get(id)?.votes ?? 0, voted: rows.get(id)?.voted ?? false }]));
  },
});
