import { postUrl } from "../../../domain/content/types.js";
import { useUi } from "../../ui.js";
import { Avatar, Csrf, UserLink } from "../common.js";
import { Icon } from "../icons.js";
import { registerTopicTypeUi } from "./registry.js";

/** Questions: the accepted answer under the question, "solved" in lists, accept buttons on replies. */
registerTopicTypeUi("question", {
  Block({ view }) {
    const { t } = useUi();
    const data = view.page.typeData;
    if (data?.type !== "question") return null;
    const answer = data.acceptedAnswer;
    if (!answer) {
      return (
        <aside class="question-answer question-unsolved" aria-label={t("questions:block.label")}>
          <p>{data.canAccept ? t("questions:block.unsolvedAsker") : t("questions:block.unsolved")}</p>
        </aside>
      );
    }
    return (
      <aside class="question-answer question-solved" aria-label={t("questions:block.label")}>
        <h2 class="question-answer-heading">
          <Icon name="check" size={18} /> {t("questions:block.accepted")}
        </h2>
        <div class="question-answer-author">
          <Avatar user={answer.author} size={24} /> <UserLink user={answer.author} />
        </div>
        <p class="question-answer-excerpt">{answer.excerpt}</p>
        <a class="question-answer-link" href={postUrl(view.page.topic, answer.postNumber)}>
          {t("questions:block.goToAnswer")}
        </a>
      </aside>
    );
  },
  Badge({ topic }) {
    const { t } = useUi();
    if (topic.typeSummary?.type !== "question") return null;
    return topic.typeSummary.solved ? (
      <span class="badge badge-solved">
        <Icon name="check" size={12} /> {t("questions:badge.solved")}
      </span>
    ) : (
      <span class="badge badge-unsolved">{t("questions:badge.unsolved")}</span>
    );
  },
  PostAction({ post, topic }) {
    const { t } = useUi();
    const data = topic.typeData;
    if (data?.type !== "question" || post.postNumber === 1 || post.deleted) return null;
    const accepted = data.acceptedAnswer?.postId === post.id;
    const mark = accepted ? (
      <span class="accepted-mark">
        <Icon name="check" size={15} /> {t("questions:post.accepted")}
      </span>
    ) : null;
    if (!data.canAccept) return mark;
    return (
      <>
        {mark}
        <form method="post" action={`/t/${topic.id}/${accepted ? "unaccept" : "accept"}`} class="inline-form">
          <Csrf />
          {accepted ? null : <input type="hidden" name="postId" value={String(post.id)} />}
          <button type="submit" class={accepted ? "action" : "action action-accept"}>
            {accepted ? t("questions:post.unaccept") : <><Icon name="check" size={15} /> {t("questions:post.accept")}</>}
          </button>
        </form>
      </>
    );
  },
});
