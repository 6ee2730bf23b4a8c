import type { FunctionComponent } from "preact";
import type { ContentType } from "../../../domain/content/contentTypes.js";
import type { PostExtensionData } from "../../../domain/content/postExtensions.js";
import type { TopicListItem } from "../../../domain/content/types.js";
import type { PostViewProps, TopicView } from "../../theme.js";

/** A form's typed values and translated errors, flat (`event.startsAt`) as the form sends them. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The options of the type's choice fields, by field name (from the type's `formChoices`). */
  choices?: Record<string, Array<{ value: string; label: string }>>;
}

/** How a content type shows itself; every part is optional. */
export interface TopicTypeUi {
  /** Under the topic's header on its page (the accepted answer, the vote button, the event box…). */
  Block?: FunctionComponent<{ view: TopicView }>;
  /** Next to the title in every list and feed (solved, votes, date, stars…). */
  Badge?: FunctionComponent<{ topic: Pick<TopicListItem, "id" | "type" | "typeSummary"> }>;
  /** Among a post's actions: what the type lets the reader do with it (accept as the answer…). */
  PostAction?: FunctionComponent<Omit<PostViewProps, "canReply">>;
  /** The type's fields in the new-topic form, named `<type>.<field>`. */
  Fields?: FunctionComponent<{ form: FormState }>;
}

/** How a post extension shows itself on posts and in composers. */
export interface PostExtensionUi {
  /** After the post's text. */
  View?: FunctionComponent<{ postId: number; data: NonNullable<PostExtensionData[keyof PostExtensionData]>; topicUrl: string }>;
  /** A collapsible section of the new-topic and reply forms, fields named `<key>.<field>`. */
  Fields?: FunctionComponent<{ form: FormState }>;
}

const typeUis = new Map<ContentType, TopicTypeUi>();
const extensionUis = new Map<string, PostExtensionUi>();

/** Registers how a content type renders (once, at start-up; see types/index.ts). */
export function registerTopicTypeUi(type: ContentType, ui: TopicTypeUi): void {
  typeUis.set(type, ui);
}

export function registerPostExtensionUi(key: keyof PostExtensionData & string, ui: PostExtensionUi): void {
  extensionUis.set(key, ui);
}

export const topicTypeUi = (type: string): TopicTypeUi => typeUis.get(type as ContentType) ?? {};
export const postExtensionUis = (): Array<[string, PostExtensionUi]> => [...extensionUis];
