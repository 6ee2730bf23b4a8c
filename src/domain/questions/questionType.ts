import type { UserSummary } from "../accounts/types.js";
import { registerTopicType } from "../content/contentTypes.js";
import { findPostView, plainExcerpt } from "../content/repo.js";
import { canAcceptAnswer } from "./policy.js";
import { findAcceptedAnswer, solvedTopicIds } from "./repo.js";

/** The accepted answer as a question page shows it right under the question. */
export interface AcceptedAnswerView {
  postId: number;
  postNumber: number;
  author: UserSummary;
  excerpt: string;
  /** The answer's full text (for QAPage structured data). */
  body: string;
  createdAt: Date;
  acceptedAt: Date;
}

declare module "../content/contentTypes.js" {
  interface TopicTypeDataMap {
    question: {
      /** Null while the question is unsolved (also when the accepted reply was deleted since). */
      acceptedAnswer: AcceptedAnswerView | null;
      /** Whether this reader may choose, change or take back the accepted answer. */
      canAccept: boolean;
    };
  }
  interface TopicTypeSummaryMap {
    question: { solved: boolean };
  }
}

/** Questions: one reply can be accepted as the answer; lists show which questions are solved. */
registerTopicType({
  type: "question",
  async loadTopic(ctx, actor, { topic }) {
    const accepted = await findAcceptedAnswer(ctx.db, topic.id);
    const post = accepted ? await findPostView(ctx.db, accepted.postId) : null;
    const live = post && !post.deleted && post.topicId === topic.id ? post : null;
    return {
      type: "question",
      acceptedAnswer: live
        ? { postId: live.id, postNumber: live.postNumber, author: live.author, excerpt: plainExcerpt(live.body, 280), body: live.body, createdAt: live.createdAt, acceptedAt: accepted!.acceptedAt }
        : null,
      canAccept: canAcceptAnswer(actor, topic),
    };
  },
  async loadSummaries(ctx, _actor, topicIds) {
    const solved = await solvedTopicIds(ctx.db, topicIds);
    return new Map(topicIds.map((id) => [id, { type: "question" as const, solved: solved.has(id) }]));
  },
});
