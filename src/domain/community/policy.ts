import type { Actor } from "../actor.js";
import type { CategoryIndex } from "./siteCache.js";
import type { AccessLevel, Category } from "./types.js";

const RANK: Record<AccessLevel, number> = { none: 0, see: 1, reply: 2, create: 3 };
const min = (a: AccessLevel, b: AccessLevel): AccessLevel => (RANK[a] <= RANK[b] ? a : b);

/**
 * What an actor may do in a category, before account state (verified, suspended) is considered.
 * Admins and the system may do everything. A category without permission rows is public:
 * everyone sees it and signed-in members post. A sub-category is never more open than its parent.
 * Anonymous visitors belong to the `everyone` group only (its id is `everyoneId`).
 */
export function categoryAccess(actor: Actor, category: Category, index: CategoryIndex, everyoneId: number): AccessLevel {
  const own = ownAccess(actor, category, everyoneId);
  if (category.parentId === null) return own;
  const parent = index.byId.get(category.parentId);
  return parent ? min(own, ownAccess(actor, parent, everyoneId)) : own;
}

function ownAccess(actor: Actor, category: Category, everyoneId: number): AccessLevel {
  if (actor.kind === "system" || (actor.kind === "user" && actor.role === "admin")) return "create";
  if (category.permissions.length === 0) return actor.kind === "user" ? "create" : "see";
  const groups = actor.kind === "user" ? actor.groupIds : [everyoneId];
  let best: AccessLevel = "none";
  for (const p of category.permissions) {
    if (groups.includes(p.groupId) && RANK[p.level] > RANK[best]) best = p.level;
  }
  // Anonymous visitors may read at most, whatever "everyone" is granted.
  return actor.kind === "anonymous" ? min(best, "see") : best;
}

/** True when the actor may see the category and its topics. */
export const canSeeCategory = (actor: Actor, c: Category, index: CategoryIndex, everyoneId: number) =>
  categoryAccess(actor, c, index, everyoneId) !== "none";

/** True when the actor's account may write at all: a verified, unsuspended user, or the system. */
export function canWrite(actor: Actor): boolean {
  if (actor.kind === "system") return true;
  return actor.kind === "user" && actor.emailVerified && !actor.suspended;
}

/** The ids of every category the actor may see, for SQL filters. Memoised per permission signature. */
export function readableCategoryIds(actor: Actor, index: CategoryIndex, everyoneId: number): number[] {
  const key =
    actor.kind === "user" ? `${actor.role}:${actor.groupIds.join(",")}` : actor.kind === "system" ? "system" : "anonymous";
  let ids = index.readableMemo.get(key);
  if (!ids) {
    ids = index.list.filter((c) => canSeeCategory(actor, c, index, everyoneId)).map((c) => c.id);
    index.readableMemo.set(key, ids);
  }
  return ids;
}
