import type { TopicTypeData, TopicTypeSummary } from "./contentTypes.js";
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
  /** Content type: discussion, question, idea, article, event or review. */
  type: string;
  /** What the type shows in lists (solved, votes, the event's date…); absent for discussions. */
  typeSummary?: TopicTypeSummary;
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

/** The post a reply answers ("in reply to @x"); no author name once that post is deleted. */
export interface ReplyTarget {
  postId: number;
  postNumber: number;
  username: string | null;
}

export interface Post {
  id: number;
  topicId: number;
  postNumber: number;
  author: UserSummary;
  body: string;
  cooked: string;
  replyToPostId: number | null;
  /** Filled by queries that show "in reply to" (the topic page); null when not a reply to a post. */
  replyTo?: ReplyTarget | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  /** The post extensions that hold data for this post (see postExtensions.ts). */
  extensionKeys: string[];
}

/** What the reader may do on a post (computed by policy for this reader). */
export interface PostPermissions {
  edit: boolean;
  delete: boolean;
  restore: boolean;
}

export interface Topic {
  id: number;
  /** Content type: discussion, question, idea, article, event or review. */
  type: string;
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
  /** The content type's data for this reader (the page's `typeData`), for parts that render one post. */
  typeData?: TopicTypeData | null;
}

export const topicUrl = (t: { id: number; slug: string }) => `/t/${t.id}/${encodeURIComponent(t.slug)}`;

/** Posts shown on one page of a topic. */
export const POSTS_PER_PAGE = 50;

/** The page of a topic that shows a post. */
export const postPage = (postNumber: number): number => Math.max(1, Math.ceil(postNumber / POSTS_PER_PAGE));

/** Where a post is shown: its topic page (with `?page=` past the first) and its anchor. */
export function postUrl(topic: { id: number; slug: string }, postNumber: number): string {
  const page = postPage(postNumber);
  return `${topicUrl(topic)}${page > 1 ? `?page=${page}` : ""}#post-${postNumber}`;
}

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
