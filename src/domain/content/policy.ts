import { type Actor, isModerator } from "../actor.js";
import { canWrite } from "../community/policy.js";
import type { AccessLevel } from "../community/types.js";

/**
 * Content permissions. `access` is the actor's level in the topic's category
 * (community/policy.categoryAccess); these add topic and post state on top.
 */
export interface TopicState {
  locked: boolean;
  deleted: boolean;
}

export const canSeeTopic = (actor: Actor, topic: TopicState, access: AccessLevel): boolean =>
  access !== "none" && (!topic.deleted || isModerator(actor));

export const canCreateTopic = (actor: Actor, access: AccessLevel): boolean => canWrite(actor) && access === "create";

export const canReply = (actor: Actor, topic: TopicState, access: AccessLevel): boolean =>
  canWrite(actor) && (access === "reply" || access === "create") && !topic.deleted && (!topic.locked || isModerator(actor));

export interface PostState {
  authorId: number;
  deleted: boolean;
  postNumber: number;
}

/** Authors edit their own posts while the topic is open; moderators edit anything. */
export function canEditPost(actor: Actor, post: PostState, topic: TopicState, access: AccessLevel): boolean {
  if (post.deleted || access === "none") return false;
  if (isModerator(actor)) return true;
  return actor.kind === "user" && actor.id === post.authorId && canWrite(actor) && !topic.locked && !topic.deleted;
}

/**
 * Authors delete their own replies; the first post (the whole topic) only while nobody has replied.
 * Moderators delete anything.
 */
export function canDeletePost(actor: Actor, post: PostState, topic: TopicState & { replyCount: number }, access: AccessLevel): boolean {
  // The first post stands for its topic: once the topic is deleted there is nothing left to delete.
  if (post.deleted || access === "none" || (post.postNumber === 1 && topic.deleted)) return false;
  if (isModerator(actor)) return true;
  if (actor.kind !== "user" || actor.id !== post.authorId || !canWrite(actor) || topic.locked) return false;
  return post.postNumber > 1 || topic.replyCount === 0;
}

/** Moderators bring back deleted posts in topics they can see. */
export const canRestorePost = (actor: Actor, post: Pick<PostState, "deleted">, access: AccessLevel): boolean =>
  post.deleted && access !== "none" && isModerator(actor);

/**
 * A post's text (and its revisions): whoever sees the topic, unless the post was deleted;
 * moderators still read deleted posts.
 */
export const canSeePostContent = (actor: Actor, post: Pick<PostState, "deleted">, topic: TopicState, access: AccessLevel): boolean =>
  canSeeTopic(actor, topic, access) && (!post.deleted || isModerator(actor));

/** Pin, lock, move and delete topics. */
export const canModerate = (actor: Actor): boolean => isModerator(actor);
