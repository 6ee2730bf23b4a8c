/**
 * Events the content area emits (inside the command's transaction; subscribers run as jobs after
 * commit, see jobs/registry.ts). Payloads carry ids only: a subscriber loads what it needs and
 * checks permissions itself, so nothing private travels in the jobs table.
 */

/** `post.created`: a topic's first post or a reply. */
export interface PostCreatedEvent {
  topicId: number;
  postId: number;
  postNumber: number;
  categoryId: number;
  /** The author. */
  userId: number;
}

/** `post.edited`: a new revision of a post (and of its topic's title/tags when it is the first post). */
export interface PostEditedEvent {
  topicId: number;
  postId: number;
  postNumber: number;
  categoryId: number;
  /** Who edited. */
  userId: number;
  /** The new revision number. */
  revision: number;
  titleChanged: boolean;
}

/** `post.deleted` / `post.restored`: a reply was soft-deleted or brought back. */
export interface PostLifecycleEvent {
  topicId: number;
  postId: number;
  postNumber: number;
  categoryId: number;
  /** Who deleted or restored. */
  userId: number;
}

/**
 * `topic.pinned`, `topic.unpinned`, `topic.locked`, `topic.unlocked`, `topic.deleted`,
 * `topic.restored`: staff changed a topic's state.
 */
export interface TopicStateEvent {
  topicId: number;
  categoryId: number;
  /** Who acted. */
  userId: number;
}

/** `topic.moved`: a topic changed category. */
export interface TopicMovedEvent extends TopicStateEvent {
  fromCategoryId: number;
}

/** Every event name the content area emits. */
export type ContentEventName =
  | "post.created"
  | "post.edited"
  | "post.deleted"
  | "post.restored"
  | "topic.pinned"
  | "topic.unpinned"
  | "topic.locked"
  | "topic.unlocked"
  | "topic.moved"
  | "topic.deleted"
  | "topic.restored";
