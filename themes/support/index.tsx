import { PostView } from "../../src/render/components/topics.js";
import type { ThemeDefinition } from "../../src/render/theme.js";
import { CategoriesPage, HomePage, TopicListPage, TopicPage } from "./pages.js";
import { Shell } from "./Shell.js";

/** The default theme and the base every other theme extends. */
export const supportTheme: ThemeDefinition = {
  id: "support",
  stylesheet: "support.css",
  homeNeeds: ["unanswered", "latest", "categories"],
  components: { Shell, HomePage, TopicListPage, CategoriesPage, TopicPage, PostView },
};
