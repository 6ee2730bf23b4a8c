import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Locale, SiteSettings, ThemeId } from "../domain/community/types.js";
import type { CategoryRef } from "../domain/content/types.js";
import type { SlotRenderer } from "../plugins/hooks.js";
import type { Formatter } from "./format.js";
import type { T } from "./i18n.js";

/** The signed-in reader as templates see it (no secrets). */
export interface Viewer {
  id: number;
  username: string;
  name: string;
  isAdmin: boolean;
  isModerator: boolean;
  isStaff: boolean;
  unreadNotifications: number;
}

/** Everything a template may use besides its view model. Themes get it through `useUi()`. */
export interface Ui {
  t: T;
  locale: Locale;
  site: SiteSettings;
  theme: ThemeId;
  viewer: Viewer | null;
  /** Categories the reader may see, each parent followed by its sub-categories, for navigation. */
  categories: CategoryRef[];
  /** The content types of those categories (navigation offers the ideas board only where ideas are). */
  contentTypes: ReadonlySet<string>;
  /** The colour scheme chosen with the footer switcher ("auto": follow the system). */
  scheme: "light" | "dark" | "auto";
  csrf: string;
  /** The current path and query, for "return to" links. */
  path: string;
  fmt: Formatter;
  now: Date;
  asset(name: string): string;
  /** Plugin slots, already bound to this render. */
  hooks: SlotRenderer;
}

export const UiContext = createContext<Ui | null>(null);

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error("useUi outside a page render");
  return ui;
}
