import type { TopicView } from "../theme.js";
import { useUi } from "../ui.js";
import { Csrf } from "./common.js";

/** One moderator action: a small form that posts to `/t/:id/<action>`. */
function ActionButton({ topicId, action, label, danger, confirm }: { topicId: number; action: string; label: string; danger?: boolean; confirm?: string }) {
  return (
    <form method="post" action={`/t/${topicId}/${action}`} class="inline-form" data-confirm={confirm}>
      <Csrf />
      <button type="submit" class={`button button-small${danger ? " button-danger" : ""}`} data-moderation={action}>
        {label}
      </button>
    </form>
  );
}

/**
 * Moderator tools on a topic page: pin, close, move and delete (or restore). Renders nothing for
 * readers who may not moderate, so themes can place it unconditionally. Works without JavaScript.
 */
export function TopicModeration({ view }: { view: TopicView }) {
  const { t } = useUi();
  const { page, moderation } = view;
  if (!page.can.moderate || !moderation) return null;
  const { topic } = page;
  const targets = moderation.moveTargets.filter((c) => c.id !== topic.category.id);
  return (
    <section class="topic-moderation" aria-label={t("content:moderation.label")}>
      <h2 class="topic-moderation-title">{t("content:moderation.label")}</h2>
      <div class="topic-moderation-actions">
        <ActionButton topicId={topic.id} action={topic.pinned ? "unpin" : "pin"} label={t(topic.pinned ? "content:moderation.unpin" : "content:moderation.pin")} />
        <ActionButton topicId={topic.id} action={topic.locked ? "unlock" : "lock"} label={t(topic.locked ? "content:moderation.unlock" : "content:moderation.lock")} />
        {topic.deleted ? (
          <ActionButton topicId={topic.id} action="restore" label={t("content:moderation.restore")} />
        ) : (
          <ActionButton topicId={topic.id} action="delete" label={t("content:moderation.delete")} danger confirm={t("content:moderation.deleteConfirm")} />
        )}
        {targets.length > 0 ? (
          <form method="post" action={`/t/${topic.id}/move`} class="topic-move-form">
            <Csrf />
            <label for={`move-${topic.id}`}>{t("content:moderation.moveTo")}</label>
            <select id={`move-${topic.id}`} name="categoryId" required>
              {targets.map((c) => (
                <option key={c.id} value={String(c.id)}>
                  {c.label}
                </option>
              ))}
            </select>
            <button type="submit" class="button button-small" data-moderation="move">
              {t("content:moderation.move")}
            </button>
          </form>
        ) : null}
      </div>
    </section>
  );
}
