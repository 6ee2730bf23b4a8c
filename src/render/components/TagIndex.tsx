import type { TagSummary } from "../../domain/content/queries/listTags.js";
import { useUi } from "../ui.js";

/** Every tag the reader can see topics for, most used first, with its topic count. */
export function TagIndex({ tags }: { tags: TagSummary[] }) {
  const { t, fmt } = useUi();
  return (
    <section class="tags-page">
      <div class="page-head">
        <div>
          <h1>{t("content:tags.title")}</h1>
          <p class="page-lead">{t("content:tags.lead")}</p>
        </div>
      </div>
      {tags.length === 0 ? (
        <p class="empty">{t("content:tags.empty")}</p>
      ) : (
        <ul class="tag-index">
          {tags.map((tag) => (
            <li key={tag.name}>
              <a class="tag-index-name" href={tag.url}>
                #{tag.name}
              </a>
              <span class="tag-index-count">{t("content:tags.topicCount", { count: tag.topicCount, formatted: fmt.number(tag.topicCount) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
