import type { UserSummary } from "../accounts/types.js";

export interface CategoryRef {
  id: number;
  slug: string;
  name: string;
  color: string;
  parentId: number | null;
}

/** A topic as lists show it. */
export interface TopicListItem {
  id: number;
  title: string;
  slug: string;
  url: string;
  category: CategoryRef;
  author: UserSummary;
  lastPoster: UserSummary | null;
  tags: string[];
  pinned: boolean;
  locked: boolean;
  replyCount: number;
  viewCount: number;
  createdAt: Date;
  lastPostedAt: Date;
  excerpt: string;
}

export interface Post {
  id: number;
  topicId: number;
  postNumber: number;
  author: UserSummary;
  body: string;
  cooked: string;
  replyToPostId: number | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  editedAt: Date | null;
  deleted: boolean;
}

/** What the reader may do on a post (computed by policy for this reader). */
export interface PostPermissions {
  edit: boolean;
  delete: boolean;
}

export interface Topic {
  id: number;
  title: string;
  slug: string;
  url: string;
  category: CategoryRef;
  author: UserSummary;
  tags: string[];
  pinned: boolean;
  locked: boolean;
  deleted: boolean;
  replyCount: number;
  viewCount: number;
  createdAt: Date;
  lastPostedAt: Date;
}

export const topicUrl = (t: { id: number; slug: string }) => `/t/${t.id}/${encodeURIComponent(t.slug)}`;

/** URL slug from a title: NFKC, lower-case, non-letters to hyphens; Japanese is kept. */
export function slugify(title: string): string {
  const s = title
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  const cut = Array.from(s).slice(0, 60).join("").replace(/-+$/, "");
  return cut || "topic";
}
