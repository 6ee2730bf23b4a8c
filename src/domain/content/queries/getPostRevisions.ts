import { toDate } from "../../../db/codec.js";
import type { UserSummary } from "../../accounts/types.js";
import type { Actor } from "../../actor.js";
import { accessTo } from "../../community/access.js";
import type { Ctx } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { canModerate, canSeePostContent } from "../policy.js";
import { findPostView, findTopic, userSummaries } from "../repo.js";
import { postUrl, topicUrl } from "../types.js";

/** One version of a post: what it said, who wrote that version and when. */
export interface PostVersion {
  revision: number;
  /** The topic's title at that version (first posts only). */
  title: string | null;
  body: string;
  author: UserSummary;
  createdAt: Date;
}

export interface PostRevisions {
  post: { id: number; postNumber: number; url: string; deleted: boolean };
  topic: { id: number; title: string; url: string };
  /** Every version, oldest first; the last one is the current text. */
  versions: PostVersion[];
}

/**
 * The history of a post: every version, oldest first. Version 1 is by the post's author; each
 * later version by whoever made that edit. Readers who may see the topic see the history,
 * except of deleted posts (moderators only). Fails: not_found.
 */
export async function getPostRevisions(ctx: Ctx, actor: Actor, postId: number): Promise<Result<PostRevisions>> {
  const post = await findPostView(ctx.db, postId, { revealDeleted: canModerate(actor) });
  const topic = post && (await findTopic(ctx.db, post.topicId));
  const found = topic && (await accessTo(ctx, actor, topic.categoryId));
  if (!post || !topic || !found || !canSeePostContent(actor, post, topic, found.access)) return err("not_found", "content:errors.postNotFound");
  const rows = await ctx.db
    .selectFrom("post_revisions")
    .select(["revision", "user_id", "title", "body", "created_at"])
    .where("post_id", "=", post.id)
    .orderBy("revision")
    .execute();
  const users = await userSummaries(
    ctx.db,
    rows.map((r) => r.user_id),
  );
  const first = post.postNumber === 1;
  const byRevision = new Map(rows.map((r) => [r.revision, r]));
  const versions: PostVersion[] = [];
  for (let k = 1; k <= post.revision; k++) {
    const stored = byRevision.get(k);
    // The edit that produced version k is stored with the text it replaced (version k - 1).
    const producedBy = byRevision.get(k - 1);
    const isCurrent = k === post.revision;
    if (!isCurrent && !stored) continue;
    versions.push({
      revision: k,
      title: first ? (isCurrent ? topic.title : (stored?.title ?? null)) : null,
      body: isCurrent ? post.body : stored!.body,
      author: producedBy ? (users.get(producedBy.user_id) ?? post.author) : post.author,
      createdAt: producedBy ? toDate(producedBy.created_at) : post.createdAt,
    });
  }
  return ok({
    post: { id: post.id, postNumber: post.postNumber, url: postUrl(topic, post.postNumber), deleted: post.deleted },
    topic: { id: topic.id, title: topic.title, url: topicUrl(topic) },
    versions,
  });
}
