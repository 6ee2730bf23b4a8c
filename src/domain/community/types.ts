export type Locale = "ja" | "en";
export const LOCALES: readonly Locale[] = ["ja", "en"];
export type ThemeId = "support" | "social" | "bbs";
export const THEMES: readonly ThemeId[] = ["support", "social", "bbs"];

export interface SiteSettings {
  name: string;
  description: string;
  defaultLocale: Locale;
  theme: ThemeId;
  /** True once the setup page created the community and its first admin. */
  setupDone: boolean;
  /** How many open ideas (not done or declined) a member may vote for at once; 0: no limit. */
  ideaVoteLimit: number;
  /** The largest upload a member may attach, in megabytes (1–50). */
  uploadMaxMb: number;
  /** File name extensions members may upload (their content is checked to match). */
  uploadTypes: string[];
  /** Whether links alone on a line get a preview card (fetched by a job). */
  linkPreviews: boolean;
}

export const defaultSettings: SiteSettings = {
  name: "Hiroba",
  description: "",
  defaultLocale: "en",
  theme: "support",
  setupDone: false,
  ideaVoteLimit: 0,
  uploadMaxMb: 8,
  uploadTypes: ["jpg", "jpeg", "png", "gif", "webp", "pdf", "txt", "csv", "zip"],
  linkPreviews: true,
};

export type AccessLevel = "none" | "see" | "reply" | "create";
export type PermissionLevel = Exclude<AccessLevel, "none">;

export interface CategoryPermission {
  groupId: number;
  level: PermissionLevel;
}

export interface Category {
  id: number;
  parentId: number | null;
  slug: string;
  name: string;
  description: string;
  color: string;
  position: number;
  contentType: string;
  /** Empty: public (everyone sees, members post). Otherwise only the listed groups, at their level. */
  permissions: CategoryPermission[];
}

export type BuiltinGroup = "everyone" | "members" | "staff" | "moderators" | "admins";

export interface Group {
  id: number;
  key: BuiltinGroup | null;
  name: string;
  description: string;
}
