import type { TopicView } from "../theme.js";
import { TopicModeration } from "./TopicModeration.js";
import { TopicTypeBlock } from "./types/parts.js";

/**
 * What core shows between a topic's header and its posts, in every theme: moderation tools for
 * moderators, and the parts particular to a topic's content type. Themes place this once; core
 * decides what goes in it, so a new capability appears in every theme without touching them.
 */
export function TopicBelowHeader({ view }: { view: TopicView }) {
  return (
    <>
      <TopicModeration view={view} />
      <TopicTypeBlock view={view} />
    </>
  );
}
