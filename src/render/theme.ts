import type { FormState } from "./components/types/registry.js";
import type { ComponentChildren, FunctionComponent } from "preact";
import type { CategorySummary } from "../domain/community/queries/listCategories.js";
import type { ThemeId } from "../domain/community/types.js";
import type { TopicPage } from "../domain/content/queries/getTopicPage.js";
import type { FeedItem } from "../domain/content/queries/listRecentPosts.js";
import type { TopicList } from "../domain/content/queries/listTopics.js";
import type { TopicSort } from "../domain/content/repo.js";
import type { ReplyTarget } from "../domain/content/types.js";

/** What a theme's home page may ask core to load for it (themes never query). */
export type HomeNeed = "unanswered" | "latest" | "categories" | "feed";

export interface HomeView {
  unanswered?: TopicList;
  latest?: TopicList;
  categories?: CategorySummary[];
  feed?: { items: FeedItem[]; page: number; hasMore: boolean };
  canCreateTopic: boolean;
}

export interface TopicListView {
  heading: string;
  description?: string;
  category: CategorySummary | null;
  tag: string | null;
  sort: TopicSort;
  /** The sort tabs to offer, with their links. */
  sorts: Array<{ sort: TopicSort; href: string }>;
  /** Extra filters a content type offers (solved / unsolved questions…), already translated. */
  filters?: Array<{ key: string; label: string; href: string; current: boolean }>;
  /** Link base for pagination (carries the sort). */
  base: string;
  list: TopicList;
  canCreateTopic: boolean;
  newTopicHref: string;
  /** Live-update channel this page listens on for "new activity". */
  live: string;
}

export interface CategoriesView {
  categories: CategorySummary[];
  canCreateTopic: boolean;
}

export interface ComposerState {
  body: string;
  replyToPostId?: number;
  /** The post being replied to, shown above the reply box with a way to cancel. */
  replyTo?: ReplyTarget;
  error?: string;
  fieldError?: string;
  /** Post-extension fields (a poll…) typed so far, and their errors. */
  extras?: FormState;
}

/** What the moderator tools on a topic page need (present only for moderators). */
export interface TopicModerationView {
  /** Categories the topic may be moved to, labelled with their parent. */
  moveTargets: Array<{ id: number; label: string }>;
}

export interface TopicView {
  page: TopicPage;
  composer: ComposerState;
  moderation?: TopicModerationView;
}

/** One post of a topic page; also rendered alone for live updates, so it must stand on its own. */
export interface PostViewProps {
  post: TopicPage["posts"][number];
  topic: TopicPage["topic"];
  canReply: boolean;
}

export interface ThemeComponents {
  /** Header, navigation and footer around every page. */
  Shell: FunctionComponent<{ children: ComponentChildren }>;
  HomePage: FunctionComponent<{ view: HomeView }>;
  TopicListPage: FunctionComponent<{ view: TopicListView }>;
  CategoriesPage: FunctionComponent<{ view: CategoriesView }>;
  TopicPage: FunctionComponent<{ view: TopicView }>;
  /** A post as the theme's TopicPage shows it: the live-update fragment uses it too. */
  PostView: FunctionComponent<PostViewProps>;
}

/**
 * A theme: components for the pages whose layout differs between themes, a stylesheet, and
 * what its home page needs. `extends` inherits every component the theme does not override.
 * Pages that look alike everywhere (forms, admin, search) are core components styled by the CSS.
 */
export interface ThemeDefinition {
  id: ThemeId;
  extends?: ThemeId;
  /** Name of the built stylesheet (see scripts/build.mjs), e.g. "support.css". */
  stylesheet: string;
  homeNeeds?: HomeNeed[];
  components: Partial<ThemeComponents>;
}

export interface ResolvedTheme {
  id: ThemeId;
  stylesheet: string;
  homeNeeds: HomeNeed[];
  components: ThemeComponents;
}
