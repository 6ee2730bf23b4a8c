import type { ColumnType, Generated } from "kysely";

/**
 * Kysely's view of the database. Row types stay inside `repo.ts` files; `db/codec` turns
 * engine-specific values (SQLite text times, 0/1 booleans, JSON text) into domain values.
 * Every table and column is described in docs/data-dictionary.md.
 */

/** Written as a Date; read back as a Date (PostgreSQL) or an ISO-8601 string (SQLite). */
export type Timestamp = ColumnType<Date | string, Date, Date>;
export type NullableTimestamp = ColumnType<Date | string | null, Date | null | undefined, Date | null>;
/** Written as true/false; read back as a boolean (PostgreSQL) or 0/1 (SQLite). */
export type Bool = ColumnType<boolean | number, boolean | undefined, boolean>;
/** Written as a JSON string; read back parsed (PostgreSQL jsonb) or as text (SQLite). */
export type Json = ColumnType<unknown, string | undefined, string>;

export interface SiteSettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  email: string;
  name: string;
  password_hash: string | null;
  role: "admin" | "moderator" | "member";
  staff: Bool;
  title: string;
  bio: string;
  locale: string | null;
  theme: string | null;
  email_verified_at: NullableTimestamp;
  suspended_until: NullableTimestamp;
  post_count: Generated<number>;
  topic_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_seen_at: NullableTimestamp;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string;
  user_agent: string;
}

export interface UserTokensTable {
  token_hash: string;
  user_id: number;
  purpose: "verify_email" | "reset_password";
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  /** The address the token was mailed to; it only works while the account still has it. */
  email: string | null;
}

export interface ApiKeysTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  prefix: string;
  description: string;
  created_by: number | null;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface GroupsTable {
  id: Generated<number>;
  /** Built-in groups have a key (everyone, members, staff, moderators, admins); custom groups null. */
  key: string | null;
  name: string;
  description: string;
  created_at: Timestamp;
}

export interface GroupMembersTable {
  group_id: number;
  user_id: number;
  created_at: Timestamp;
}

export interface CategoriesTable {
  id: Generated<number>;
  parent_id: number | null;
  slug: string;
  name: string;
  description: string;
  color: string;
  position: number;
  content_type: string;
  topic_count: Generated<number>;
  post_count: Generated<number>;
  last_posted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CategoryPermissionsTable {
  category_id: number;
  group_id: number;
  /** see: read only; reply: read and reply; create: read, reply and start topics. */
  level: "see" | "reply" | "create";
}

export interface TagsTable {
  id: Generated<number>;
  name: string;
  topic_count: Generated<number>;
  created_at: Timestamp;
}

export interface TopicTagsTable {
  topic_id: number;
  tag_id: number;
}

export interface TopicsTable {
  id: Generated<number>;
  /** Content type (discussion, question, idea, article, event, review), from the category at creation. */
  type: Generated<string>;
  category_id: number;
  user_id: number;
  title: string;
  slug: string;
  pinned: Bool;
  locked: Bool;
  reply_count: Generated<number>;
  highest_post_number: Generated<number>;
  view_count: Generated<number>;
  last_post_user_id: number | null;
  last_posted_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
  deleted_by: number | null;
}

export interface PostsTable {
  id: Generated<number>;
  topic_id: number;
  user_id: number;
  post_number: number;
  reply_to_post_id: number | null;
  body: string;
  cooked: string;
  revision: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  edited_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
  deleted_by: number | null;
  /** The keys of the post extensions holding data for this post, space-separated ("poll"). */
  extensions: Generated<string>;
}

export interface PostRevisionsTable {
  id: Generated<number>;
  post_id: number;
  revision: number;
  user_id: number;
  title: string | null;
  body: string;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  /** mention, quote or reply (a new post), or `<namespace>.<name>` for other areas' kinds. */
  kind: string;
  actor_id: number | null;
  topic_id: number | null;
  post_id: number | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: Json;
  status: "pending" | "queued" | "running" | "done" | "failed";
  attempts: Generated<number>;
  max_attempts: number;
  run_at: Timestamp;
  locked_until: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  target_type: string;
  target_id: number | null;
  data: Json;
  created_at: Timestamp;
}

/**
 * One row per indexed post on both engines: its plain text, for snippets. PostgreSQL also keeps
 * the tsvector here (`tsv`, absent on SQLite, which keeps its tokens in the FTS5 table `search_fts`).
 */
export interface SearchDocumentsTable {
  post_id: number;
  tsv: unknown;
  text: string;
}

/** The accepted answer of a question topic (one row per solved question). */
export interface QuestionAnswersTable {
  topic_id: number;
  post_id: number;
  accepted_by: number | null;
  accepted_at: Timestamp;
}

export interface IdeasTable {
  topic_id: number;
  status: Generated<string>;
  vote_count: Generated<number>;
  status_changed_at: NullableTimestamp;
}

export interface IdeaVotesTable {
  topic_id: number;
  user_id: number;
  created_at: Timestamp;
}

export interface IdeaStatusChangesTable {
  id: Generated<number>;
  topic_id: number;
  status: string;
  previous_status: string;
  response: Generated<string>;
  response_html: Generated<string>;
  changed_by: number | null;
  created_at: Timestamp;
}

/** A product members review (defined by admins). */
export interface ProductsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  url: Generated<string>;
  position: Generated<number>;
  archived_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A review topic's product and star rating (one row per review topic). */
export interface ReviewsTable {
  topic_id: number;
  product_id: number;
  user_id: number;
  rating: number;
  rated_at: Timestamp;
  removal_reason: string | null;
  removed_by: number | null;
  removed_at: NullableTimestamp;
}

/** A poll inside a post (at most one per post). */
export interface PollsTable {
  id: Generated<number>;
  post_id: number;
  question: string;
  multiple: Bool;
  results: Generated<string>;
  closes_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  voter_count: Generated<number>;
  created_at: Timestamp;
}

export interface PollOptionsTable {
  id: Generated<number>;
  poll_id: number;
  position: number;
  label: string;
  vote_count: Generated<number>;
}

export interface PollVotesTable {
  poll_id: number;
  option_id: number;
  user_id: number;
  created_at: Timestamp;
}

/** An event topic's time, place and capacity (`going_count` kept in step with the answers). */
export interface EventsTable {
  topic_id: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  time_zone: string;
  online_url: Generated<string>;
  place: Generated<string>;
  capacity: number | null;
  going_count: Generated<number>;
  updated_at: Timestamp;
}

/** A member's answer to an event: going, maybe, not_going, or waitlist (full when they said going). */
export interface EventRsvpsTable {
  topic_id: number;
  user_id: number;
  status: string;
  responded_at: Timestamp;
}

/** An uploaded image or file; the bytes are in storage under keys derived from `key`. */
export interface UploadsTable {
  id: Generated<number>;
  key: string;
  user_id: number | null;
  kind: string;
  mime: string;
  ext: string;
  name: string;
  size: number;
  width: number | null;
  height: number | null;
  variants: Json;
  sha256: string;
  created_at: Timestamp;
}

/** Which posts use which uploads (written by a job after each post is saved). */
export interface UploadRefsTable {
  upload_id: number;
  post_id: number;
}

/** What a linked page says about itself, fetched by a job (`status`: ok, failed, blocked). */
export interface LinkPreviewsTable {
  url: string;
  status: string;
  title: Generated<string>;
  description: Generated<string>;
  site_name: Generated<string>;
  fetched_at: Timestamp;
}

/** An article topic's kind, lead and cover image. */
export interface ArticlesTable {
  topic_id: number;
  kind: Generated<string>;
  summary: Generated<string>;
  cover_upload_id: number | null;
}

/** A survey built by staff (`status`: draft, open, closed; `group_ids` empty: every signed-in member). */
export interface SurveysTable {
  id: Generated<number>;
  title: string;
  description: Generated<string>;
  status: Generated<string>;
  group_ids: Json;
  response_count: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A question (`kind`: single, multiple, rating, nps, text; `options` for the choice kinds). */
export interface SurveyQuestionsTable {
  id: Generated<number>;
  survey_id: number;
  position: number;
  kind: string;
  prompt: string;
  options: Json;
  required: Bool;
}

/** One member's response to a survey (at most one each). */
export interface SurveyResponsesTable {
  id: Generated<number>;
  survey_id: number;
  user_id: number | null;
  created_at: Timestamp;
}

/** One answer: chosen option indexes, a number (rating, NPS) or text. */
export interface SurveyAnswersTable {
  response_id: number;
  question_id: number;
  choices: Json;
  number: number | null;
  text: Generated<string>;
}

export interface DB {
  site_settings: SiteSettingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  api_keys: ApiKeysTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  categories: CategoriesTable;
  category_permissions: CategoryPermissionsTable;
  tags: TagsTable;
  topic_tags: TopicTagsTable;
  topics: TopicsTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  notifications: NotificationsTable;
  jobs: JobsTable;
  audit_log: AuditLogTable;
  search_documents: SearchDocumentsTable;
  question_answers: QuestionAnswersTable;
  ideas: IdeasTable;
  idea_votes: IdeaVotesTable;
  idea_status_changes: IdeaStatusChangesTable;
  products: ProductsTable;
  reviews: ReviewsTable;
  polls: PollsTable;
  poll_options: PollOptionsTable;
  poll_votes: PollVotesTable;
  events: EventsTable;
  event_rsvps: EventRsvpsTable;
  uploads: UploadsTable;
  upload_refs: UploadRefsTable;
  link_previews: LinkPreviewsTable;
  articles: ArticlesTable;
  surveys: SurveysTable;
  survey_questions: SurveyQuestionsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
}
