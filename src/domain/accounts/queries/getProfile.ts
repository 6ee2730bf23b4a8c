import type { Actor } from "../../actor.js";
import type { Ctx } from "../../ctx.js";
import { cookMarkdown } from "../../content/markdown.js";
import { listTopics } from "../../content/queries/listTopics.js";
import type { TopicListItem } from "../../content/types.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { findUserByUsername } from "../repo.js";
import type { UserSummary } from "../types.js";

/** What anyone may see about a member: never the address, hash, language or sign-in times. */
export interface Profile extends UserSummary {
  bio: string;
  /** The bio as sanitized HTML (Markdown, raw HTML off, same allow-list as posts). */
  bioHtml: string;
  createdAt: Date;
  postCount: number;
  topicCount: number;
  /** Their newest topics, only from categories the reader may see. */
  recentTopics: TopicListItem[];
}

export const RECENT_TOPICS = 10;

/**
 * A member's public profile for the `/u/:username` page and `GET /api/v1/users/:username`.
 * Fails: not_found.
 */
export async function getProfile(ctx: Ctx, actor: Actor, username: string): Promise<Result<Profile>> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) return err("not_found", "profile:notFound");
  const recent = await listTopics(ctx, actor, { sort: "new", userId: user.id, perPage: RECENT_TOPICS });
  return ok({
    id: user.id,
    username: user.username,
    name: user.name,
    title: user.title,
    role: user.role,
    staff: user.staff,
    bio: user.bio,
    bioHtml: user.bio ? cookMarkdown(user.bio).html : "",
    createdAt: user.createdAt,
    postCount: user.postCount,
    topicCount: user.topicCount,
    recentTopics: recent.topics,
  });
}
