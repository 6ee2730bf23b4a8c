import type { ThemeDefinition } from "../../src/render/theme.js";
import { CategoriesPage, HomePage, PostView, TopicListPage, TopicPage } from "./pages.js";

/**
 * BBS: the classic category index → thread table → numbered thread. Dense and high-contrast;
 * the shell (header, menus, footer) is the support theme's, restyled by bbs.css.
 */
export const bbsTheme: ThemeDefinition = {
  id: "bbs",
  extends: "support",
  stylesheet: "bbs.css",
  homeNeeds: ["categories"],
  components: { HomePage, TopicListPage, CategoriesPage, TopicPage, PostView },
};
