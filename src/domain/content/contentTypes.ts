import type { Transaction } from "kysely";
import type { z } from "zod";
import type { DB } from "../../db/schema.js";
import type { Failure } from "../../lib/result.js";
import type { Actor, UserActor } from "../actor.js";
import type { AccessLevel } from "../community/types.js";
import type { Ctx } from "../ctx.js";
import type { TopicRecord } from "./repo.js";

/**
 * Content types. A category's `content_type` decides what its topics are: plain discussions,
 * questions with an accepted answer, ideas with votes and statuses, articles, events, product
 * reviews. A topic keeps the type it was created with (`topics.type`).
 *
 * Each type is a module registered here (see types/index.ts). Core calls its hooks at fixed
 * points — creating a topic, loading a topic page, loading lists — so types add their own
 * tables and rules without touching the core commands. The data a type shows is declared by
 * declaration merging on the maps below, so every type stays in its own files.
 */
export const CONTENT_TYPES = ["discussion", "question", "idea", "article", "event", "review"] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export const isContentType = (v: unknown): v is ContentType => typeof v === "string" && (CONTENT_TYPES as readonly string[]).includes(v);
/** The type of topics a category holds (unknown values count as discussion). */
export const categoryType = (contentType: string): ContentType => (isContentType(contentType) ? contentType : "discussion");

/** What a type adds to a topic page, per type (types add their entry by declaration merging). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TopicTypeDataMap {}
/** What a type adds to a topic in lists (solved, votes, event date…), per type. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TopicTypeSummaryMap {}

export type TopicTypeData = { [K in keyof TopicTypeDataMap]: { type: K } & TopicTypeDataMap[K] }[keyof TopicTypeDataMap];
export type TopicTypeSummary = { [K in keyof TopicTypeSummaryMap]: { type: K } & TopicTypeSummaryMap[K] }[keyof TopicTypeSummaryMap];

/** The topic a type hook works on, with the reader's access to its category. */
export interface TypedTopic {
  topic: TopicRecord;
  access: AccessLevel;
  /** The first post's id (the question, the idea, the event description…). */
  firstPostId: number;
}

/** One option of a type's field in the new-topic form. */
export interface FormChoice {
  value: string;
  label: string;
}

export interface TopicTypeModule<F = unknown> {
  type: ContentType;
  /**
   * Extra fields when starting a topic of this type, read from `input[type]` (a nested object in
   * JSON, `type.field` names in forms). Field errors come back as `<type>.<field>`.
   */
  fields?: z.ZodType<F>;
  /** Choices the new-topic form offers for the type's fields (e.g. the products to review), by field name. */
  formChoices?(ctx: Ctx, actor: Actor): Promise<Record<string, FormChoice[]>>;
  /** Checks before the transaction (e.g. one review per product). Return a failure to refuse. */
  validate?(ctx: Ctx, actor: UserActor, fields: F): Promise<Failure | null>;
  /**
   * Writes the type's own rows inside createTopic's transaction, after the author's row is
   * updated (so concurrent topics by one member are serialised here). Return a failure to refuse
   * after all (e.g. a second review that a concurrent request slipped in): the topic is rolled back.
   */
  onCreate?(trx: Transaction<DB>, ctx: Ctx, actor: UserActor, created: { topicId: number; postId: number; categoryId: number }, fields: F): Promise<Failure | void>;
  /**
   * The type's fields as the first post's edit form shows them (field name → text), for types
   * whose fields stay editable after publishing; null when the topic has no such row.
   */
  editValues?(ctx: Ctx, topicId: number): Promise<Record<string, string> | null>;
  /**
   * Saves edited fields (inside editPost's transaction). Answers whether anything changed, or a
   * failure, which rolls the whole edit back.
   */
  onEdit?(trx: Transaction<DB>, ctx: Ctx, actor: UserActor, topic: { topicId: number; postId: number }, fields: F): Promise<Failure | boolean>;
  /**
   * Who may reply beyond category permissions (e.g. only staff and the reviewer under a review).
   * Absent: category permissions alone decide.
   */
  mayReply?(actor: Actor, topic: TopicRecord): boolean;
  /** The type's data for one topic page, for this reader; null when its rows are missing (the page shows a plain topic). */
  loadTopic?(ctx: Ctx, actor: Actor, t: TypedTopic): Promise<TopicTypeData | null>;
  /** The type's summaries for topics in a list (one batched query, not one per topic). */
  loadSummaries?(ctx: Ctx, actor: Actor, topicIds: number[]): Promise<Map<number, TopicTypeSummary>>;
}

const modules = new Map<ContentType, TopicTypeModule>();

/** Registers a type's module (once per type, at start-up). */
export function registerTopicType<F>(module: TopicTypeModule<F>): void {
  if (modules.has(module.type)) throw new Error(`content type ${module.type} registered twice`);
  modules.set(module.type, module as TopicTypeModule);
}

/** The module of a type; `discussion` (no extras) for unknown or unregistered types. */
export function topicType(type: string): TopicTypeModule {
  return modules.get(type as ContentType) ?? { type: "discussion" };
}

/** The type's own reply rule for a topic (true when the type has none). */
export const typeAllowsReply = (actor: Actor, topic: TopicRecord): boolean => topicType(topic.type).mayReply?.(actor, topic) ?? true;

/** Summaries for a mixed list of topics: one call per type present. */
export async function loadTypeSummaries(ctx: Ctx, actor: Actor, topics: Array<{ id: number; type: string }>): Promise<Map<number, TopicTypeSummary>> {
  const byType = new Map<string, number[]>();
  for (const t of topics) byType.set(t.type, [...(byType.get(t.type) ?? []), t.id]);
  const out = new Map<number, TopicTypeSummary>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const load = topicType(type).loadSummaries;
      if (!load) return;
      for (const [id, s] of await load(ctx, actor, ids)) out.set(id, s);
    }),
  );
  return out;
}
