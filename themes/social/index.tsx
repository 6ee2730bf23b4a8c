import type { ThemeDefinition } from "../../src/render/theme.js";
import { HomePage, TopicListPage, TopicPage } from "./pages.js";
import { Shell } from "./Shell.js";

/**
 * Social Network: a feed of recent posts across categories, newest first, with avatars; topic
 * lists as cards and topics as conversations. Category index and posts come from the support theme.
 */
export const socialTheme: ThemeDefinition = {
  id: "social",
  extends: "support",
  stylesheet: "social.css",
  homeNeeds: ["feed", "unanswered"],
  components: { Shell, HomePage, TopicListPage, TopicPage },
};
