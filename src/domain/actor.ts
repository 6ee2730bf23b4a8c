/**
 * Who is acting. Every command and query takes one; policies answer from it alone.
 * `groupIds` holds the built-in groups the user belongs to by role plus custom memberships,
 * so permission checks and SQL filters can treat both the same way.
 */
export type Role = "admin" | "moderator" | "member";

export interface UserActor {
  kind: "user";
  id: number;
  username: string;
  name: string;
  role: Role;
  staff: boolean;
  groupIds: number[];
  locale: string | null;
  theme: string | null;
  emailVerified: boolean;
  suspended: boolean;
  /** Set when the request was authenticated with an API key rather than a session. */
  apiKeyId?: number;
}

export type Actor = UserActor | { kind: "anonymous" } | { kind: "system" };

export const anonymous: Actor = { kind: "anonymous" };
export const system: Actor = { kind: "system" };

export const isUser = (a: Actor): a is UserActor => a.kind === "user";
export const isAdmin = (a: Actor): boolean => a.kind === "system" || (a.kind === "user" && a.role === "admin");
/** Moderators and admins pin, lock, move and delete. */
export const isModerator = (a: Actor): boolean =>
  a.kind === "system" || (a.kind === "user" && (a.role === "admin" || a.role === "moderator"));
/** Employees answer "as staff" with a visible badge; admins always count as staff. */
export const isStaff = (a: Actor): boolean => a.kind === "user" && (a.staff || a.role === "admin");
