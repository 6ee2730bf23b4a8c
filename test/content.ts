import type { Ctx } from "../src/domain/ctx.js";
import { makeCategory } from "./factories.js";

/** A category only one built-in group may see (and post in), e.g. staff-only. */
export async function makePrivateCategory(ctx: Ctx, group: "staff" | "moderators" | "admins" = "staff"): Promise<{ id: number; slug: string }> {
  const cat = await makeCategory(ctx);
  const groups = await ctx.cache.groups();
  await ctx.db.insertInto("category_permissions").values({ category_id: cat.id, group_id: groups.builtin[group], level: "create" }).execute();
  ctx.cache.invalidate("categories");
  return cat;
}

/** Audit rows about one target, oldest first. */
export async function auditRows(ctx: Ctx, targetType: string, targetId: number) {
  return ctx.db
    .selectFrom("audit_log")
    .select(["action", "actor_id", "data"])
    .where("target_type", "=", targetType)
    .where("target_id", "=", targetId)
    .orderBy("id")
    .execute();
}

/** Counters of a category, a user and a topic, for before/after comparisons. */
export async function counters(ctx: Ctx, ids: { categoryId: number; userId: number; topicId?: number }) {
  const c = await ctx.db.selectFrom("categories").select(["topic_count", "post_count"]).where("id", "=", ids.categoryId).executeTakeFirstOrThrow();
  const u = await ctx.db.selectFrom("users").select(["topic_count", "post_count"]).where("id", "=", ids.userId).executeTakeFirstOrThrow();
  const t =
    ids.topicId === undefined
      ? undefined
      : await ctx.db.selectFrom("topics").select(["reply_count", "deleted_at"]).where("id", "=", ids.topicId).executeTakeFirstOrThrow();
  return {
    categoryTopics: c.topic_count,
    categoryPosts: c.post_count,
    userTopics: u.topic_count,
    userPosts: u.post_count,
    replies: t?.reply_count,
    topicDeleted: t ? t.deleted_at !== null : undefined,
  };
}

/**
 * Records the events commands emit (calling through to the real queue), so tests can assert
 * emissions even for events no job subscribes to yet.
 */
export function recordEvents(ctx: Ctx): Array<{ event: string; payload: Record<string, unknown> }> {
  const seen: Array<{ event: string; payload: Record<string, unknown> }> = [];
  const emit = ctx.jobs.emit.bind(ctx.jobs);
  ctx.jobs.emit = async (trx, event, payload) => {
    seen.push({ event, payload });
    await emit(trx, event, payload);
  };
  return seen;
}
