import type { ThemeDefinition } from "../../src/render/theme.js";
import { HomePage } from "./pages.js";

/** Social Network: a feed of recent posts across categories, newest first, with avatars. */
export const socialTheme: ThemeDefinition = {
  id: "social",
  extends: "support",
  stylesheet: "social.css",
  homeNeeds: ["feed", "categories"],
  components: { HomePage },
};
