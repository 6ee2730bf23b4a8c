import type { UserSummary } from "../accounts/types.js";
import type { CategoryRef } from "../content/types.js";

/** One post found by a search, ready to show. */
export interface SearchResult {
  topicId: number;
  postId: number;
  postNumber: number;
  title: string;
  /** The title, escaped, with matches in <mark>. */
  titleHtml: string;
  /** A window of the post's text around the first match, escaped, with matches in <mark>. */
  snippetHtml: string;
  /** Link to the exact post: its topic page and `#post-N`. */
  url: string;
  category: CategoryRef;
  author: UserSummary;
  createdAt: Date;
}

/** One page of search results. */
export interface SearchResults {
  results: SearchResult[];
  /** Matching posts the reader may see, counted up to the cap. */
  total: number;
  /** True when there are more matches than `total` (shown as "1000+"). */
  totalCapped: boolean;
  page: number;
  perPage: number;
  hasMore: boolean;
}

/** Where to search: everywhere, or topic titles only. */
export type SearchScope = "all" | "title";
