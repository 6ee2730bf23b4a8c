import type { ThemeDefinition } from "../../src/render/theme.js";
import { CategoriesPage } from "../support/pages.js";

/** BBS: the classic category index → thread list → thread. */
export const bbsTheme: ThemeDefinition = {
  id: "bbs",
  extends: "support",
  stylesheet: "bbs.css",
  homeNeeds: ["categories"],
  components: { HomePage: ({ view }) => CategoriesPage({ view: { categories: view.categories ?? [], canCreateTopic: view.canCreateTopic } }) },
};
