import type { PostExtensionData } from "../../../domain/content/postExtensions.js";
import type { TopicListItem } from "../../../domain/content/types.js";
import type { TopicView } from "../../theme.js";
import { type FormState, postExtensionUis, topicTypeUi } from "./registry.js";
import "./index.js";

/** The content type's block on a topic page (core places it under the header in every theme). */
export function TopicTypeBlock({ view }: { view: TopicView }) {
  const { Block } = topicTypeUi(view.page.topic.type);
  return Block ? <Block view={view} /> : null;
}

/** The content type's badge next to a topic's title in lists, feeds and tables. */
export function TopicTypeBadge({ topic }: { topic: Pick<TopicListItem, "id" | "type" | "typeSummary"> }) {
  const { Badge } = topicTypeUi(topic.type);
  return Badge ? <Badge topic={topic} /> : null;
}

/** The content type's fields in the new-topic form. */
export function TopicTypeFields({ type, form }: { type: string; form: FormState }) {
  const { Fields } = topicTypeUi(type);
  return Fields ? <Fields form={form} /> : null;
}

/** What post extensions show after a post's text (a poll, attachments…). */
export function PostExtensionViews({ postId, extensions, topicUrl }: { postId: number; extensions: PostExtensionData; topicUrl: string }) {
  return (
    <>
      {postExtensionUis().map(([key, ui]) => {
        const data = extensions[key as keyof PostExtensionData];
        return ui.View && data ? <ui.View key={key} postId={postId} data={data} topicUrl={topicUrl} /> : null;
      })}
    </>
  );
}

/** The post extensions' sections in the new-topic and reply forms. */
export function PostExtensionFields({ form }: { form: FormState }) {
  return (
    <>
      {postExtensionUis().map(([key, ui]) => (ui.Fields ? <ui.Fields key={key} form={form} /> : null))}
    </>
  );
}
