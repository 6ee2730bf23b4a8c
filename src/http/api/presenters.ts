import { z } from "zod";
import type { PostExtensionData } from "../../domain/content/postExtensions.js";
import type { UserSummary } from "../../domain/accounts/types.js";
import { showsAsStaff } from "../../domain/accounts/types.js";
import type { CategorySummary } from "../../domain/community/queries/listCategories.js";
import type { Post, PostPermissions, TopicListItem } from "../../domain/content/types.js";

/**
 * JSON shapes of the API: each presenter whitelists fields, so adding a column never leaks it.
 * The zod schemas beside them document the responses in OpenAPI.
 */
export const UserJson = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  title: z.string(),
  staff: z.boolean(),
  role: z.enum(["admin", "moderator", "member"]),
  avatarLetter: z.string(),
});
export const presentUser = (u: UserSummary): z.infer<typeof UserJson> => ({
  id: u.id,
  username: u.username,
  name: u.name,
  title: u.title,
  staff: showsAsStaff(u),
  role: u.role,
  avatarLetter: Array.from((u.name || u.username).trim())[0]?.toUpperCase() ?? "?",
});

export const CategoryJson: z.ZodType = z.lazy(() =>
  z.object({
    id: z.number(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    color: z.string(),
    parentId: z.number().nullable(),
    contentType: z.string(),
    restricted: z.boolean(),
    topicCount: z.number(),
    postCount: z.number(),
    lastPostedAt: z.string().nullable(),
    url: z.string(),
    children: z.array(CategoryJson),
  }),
);
export function presentCategory(c: CategorySummary): Record<string, unknown> {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    description: c.description,
    color: c.color,
    parentId: c.parentId,
    contentType: c.contentType,
    restricted: c.restricted,
    topicCount: c.topicCount,
    postCount: c.postCount,
    lastPostedAt: c.lastPostedAt?.toISOString() ?? null,
    url: `/c/${encodeURIComponent(c.slug)}`,
    children: c.children.map(presentCategory),
  };
}

/**
 * Content types' and post extensions' data as JSON: their view models are made for readers
 * already (they hold only what the reader may see), so only times need converting.
 */
export function jsonValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonValue(x)]));
  return v;
}
const TypeDataJson = z.record(z.string(), z.unknown()).describe("what the topic's content type adds; see docs/api.md");

export const TopicListItemJson = z.object({
  id: z.number(),
  type: z.string().describe("discussion, question, idea, article, event or review"),
  typeSummary: TypeDataJson.optional(),
  title: z.string(),
  slug: z.string(),
  url: z.string(),
  categoryId: z.number(),
  author: UserJson,
  lastPoster: UserJson.nullable(),
  tags: z.array(z.string()),
  pinned: z.boolean(),
  locked: z.boolean(),
  replyCount: z.number(),
  viewCount: z.number(),
  createdAt: z.string(),
  lastPostedAt: z.string(),
  excerpt: z.string(),
});
export const presentTopicListItem = (t: TopicListItem): z.infer<typeof TopicListItemJson> => ({
  id: t.id,
  type: t.type,
  ...(t.typeSummary ? { typeSummary: jsonValue(t.typeSummary) as Record<string, unknown> } : {}),
  title: t.title,
  slug: t.slug,
  url: t.url,
  categoryId: t.category.id,
  author: presentUser(t.author),
  lastPoster: t.lastPoster ? presentUser(t.lastPoster) : null,
  tags: t.tags,
  pinned: t.pinned,
  locked: t.locked,
  replyCount: t.replyCount,
  viewCount: t.viewCount,
  createdAt: t.createdAt.toISOString(),
  lastPostedAt: t.lastPostedAt.toISOString(),
  excerpt: t.excerpt,
});

export const PostJson = z.object({
  id: z.number(),
  topicId: z.number(),
  postNumber: z.number(),
  author: UserJson,
  body: z.string(),
  cooked: z.string(),
  replyToPostId: z.number().nullable(),
  revision: z.number(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  can: z.object({ edit: z.boolean(), delete: z.boolean(), restore: z.boolean() }).optional(),
  extensions: z.record(z.string(), z.unknown()).optional().describe("post extensions such as a poll"),
});
export const presentPost = (p: Post & { can?: PostPermissions; extensions?: PostExtensionData }): z.infer<typeof PostJson> => ({
  id: p.id,
  topicId: p.topicId,
  postNumber: p.postNumber,
  author: presentUser(p.author),
  body: p.body,
  cooked: p.cooked,
  replyToPostId: p.replyToPostId,
  revision: p.revision,
  createdAt: p.createdAt.toISOString(),
  editedAt: p.editedAt?.toISOString() ?? null,
  deleted: p.deleted,
  ...(p.can ? { can: p.can } : {}),
  ...(p.extensions && Object.keys(p.extensions).length > 0 ? { extensions: jsonValue(p.extensions) as Record<string, unknown> } : {}),
});

export const ErrorJson = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
});
