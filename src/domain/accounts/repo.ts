import { sql } from "kysely";
import { toBool, toDate, toDateOrNull } from "../../db/codec.js";
import type { Tx } from "../ctx.js";
import type { Role } from "../actor.js";
import type { User } from "./types.js";

const userColumns = [
  "id",
  "username",
  "email",
  "name",
  "title",
  "bio",
  "role",
  "staff",
  "locale",
  "theme",
  "email_verified_at",
  "suspended_until",
  "post_count",
  "topic_count",
  "created_at",
  "last_seen_at",
] as const;

type UserRow = {
  id: number;
  username: string;
  email: string;
  name: string;
  title: string;
  bio: string;
  role: string;
  staff: boolean | number;
  locale: string | null;
  theme: string | null;
  email_verified_at: Date | string | null;
  suspended_until: Date | string | null;
  post_count: number;
  topic_count: number;
  created_at: Date | string;
  last_seen_at: Date | string | null;
};

function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    email: r.email,
    name: r.name,
    title: r.title,
    bio: r.bio,
    role: r.role as Role,
    staff: toBool(r.staff),
    locale: r.locale,
    theme: r.theme,
    emailVerified: r.email_verified_at !== null,
    suspendedUntil: toDateOrNull(r.suspended_until),
    postCount: r.post_count,
    topicCount: r.topic_count,
    createdAt: toDate(r.created_at),
    lastSeenAt: toDateOrNull(r.last_seen_at),
  };
}

/** The user columns as read through the alias `u`, for queries that join users to what names them. */
export const memberColumns = userColumns.map((c) => `u.${c}` as const);

/** A user and the custom groups they belong to. */
export interface Member {
  user: User;
  customGroupIds: number[];
}

/**
 * Folds the rows of a query that selected `memberColumns` and `gm.group_id` from users left-joined
 * to group_members (one row per membership, or one row with a null group) into members by user id.
 */
export function toMembers(rows: Array<UserRow & { group_id: number | null }>): Map<number, Member> {
  const members = new Map<number, Member>();
  for (const r of rows) {
    let m = members.get(r.id);
    if (!m) members.set(r.id, (m = { user: toUser(r), customGroupIds: [] }));
    if (r.group_id !== null) m.customGroupIds.push(r.group_id);
  }
  return members;
}

/** The one member that rows about a single user (see `toMembers`) describe, if any. */
export const toMember = (rows: Array<UserRow & { group_id: number | null }>): Member | null => toMembers(rows).values().next().value ?? null;

/** Users with their custom groups, by id, in one query. */
export async function findMembersByIds(db: Tx, ids: number[]): Promise<Map<number, Member>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users as u")
    .leftJoin("group_members as gm", "gm.user_id", "u.id")
    .select([...memberColumns, "gm.group_id"])
    .where("u.id", "in", [...new Set(ids)])
    .execute();
  return toMembers(rows);
}

export async function findUserById(db: Tx, id: number): Promise<User | null> {
  const r = await db.selectFrom("users").select(userColumns).where("id", "=", id).executeTakeFirst();
  return r ? toUser(r) : null;
}

export async function findUserByUsername(db: Tx, username: string): Promise<User | null> {
  const r = await db
    .selectFrom("users")
    .select(userColumns)
    .where(sql`lower(username)`, "=", username.toLowerCase())
    .executeTakeFirst();
  return r ? toUser(r) : null;
}

export async function findUserByEmail(db: Tx, email: string): Promise<User | null> {
  const r = await db
    .selectFrom("users")
    .select(userColumns)
    .where(sql`lower(email)`, "=", email.toLowerCase())
    .executeTakeFirst();
  return r ? toUser(r) : null;
}

/** The login lookup: by username or e-mail, with the password hash. */
export async function findCredentials(db: Tx, login: string): Promise<{ id: number; passwordHash: string | null } | null> {
  const l = login.toLowerCase();
  const r = await db
    .selectFrom("users")
    .select(["id", "password_hash"])
    .where((eb) => eb.or([eb(sql`lower(username)`, "=", l), eb(sql`lower(email)`, "=", l)]))
    .executeTakeFirst();
  return r ? { id: r.id, passwordHash: r.password_hash } : null;
}

export async function usernameOrEmailTaken(db: Tx, username: string, email: string): Promise<{ username: boolean; email: boolean }> {
  const rows = await db
    .selectFrom("users")
    .select(["username", "email"])
    .where((eb) => eb.or([eb(sql`lower(username)`, "=", username.toLowerCase()), eb(sql`lower(email)`, "=", email.toLowerCase())]))
    .execute();
  return {
    username: rows.some((r) => r.username.toLowerCase() === username.toLowerCase()),
    email: rows.some((r) => r.email.toLowerCase() === email.toLowerCase()),
  };
}

export interface NewUser {
  username: string;
  email: string;
  name: string;
  passwordHash: string | null;
  role: Role;
  staff: boolean;
  locale: string | null;
  emailVerified: boolean;
}

export async function insertUser(db: Tx, u: NewUser, now: Date): Promise<number> {
  const r = await db
    .insertInto("users")
    .values({
      username: u.username,
      email: u.email,
      name: u.name,
      password_hash: u.passwordHash,
      role: u.role,
      staff: u.staff,
      title: "",
      bio: "",
      locale: u.locale,
      email_verified_at: u.emailVerified ? now : null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Custom group memberships (built-in groups follow from the role and are not stored). */
export async function customGroupIds(db: Tx, userId: number): Promise<number[]> {
  const rows = await db.selectFrom("group_members").select("group_id").where("user_id", "=", userId).execute();
  return rows.map((r) => r.group_id);
}

/** The stored password hash of a user (null for accounts without a password, e.g. SSO). */
export async function passwordHashOf(db: Tx, userId: number): Promise<string | null> {
  const r = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  return r?.password_hash ?? null;
}

/** Fields a member edits on their own account; only the given ones change. */
export interface UserChanges {
  name?: string;
  bio?: string;
  locale?: string | null;
  theme?: string | null;
  email?: string;
  emailVerified?: boolean;
  passwordHash?: string;
}

export async function updateUser(db: Tx, userId: number, c: UserChanges, now: Date): Promise<void> {
  await db
    .updateTable("users")
    .set({
      ...(c.name !== undefined ? { name: c.name } : {}),
      ...(c.bio !== undefined ? { bio: c.bio } : {}),
      ...(c.locale !== undefined ? { locale: c.locale } : {}),
      ...(c.theme !== undefined ? { theme: c.theme } : {}),
      ...(c.email !== undefined ? { email: c.email } : {}),
      ...(c.emailVerified !== undefined ? { email_verified_at: c.emailVerified ? now : null } : {}),
      ...(c.passwordHash !== undefined ? { password_hash: c.passwordHash } : {}),
      updated_at: now,
    })
    .where("id", "=", userId)
    .execute();
}

export type TokenPurpose = "verify_email" | "reset_password";

/** A one-time token as stored: only its hash, the account, the address it went to and its lifetime. */
export interface UserTokenRecord {
  userId: number;
  purpose: TokenPurpose;
  email: string | null;
  expiresAt: Date;
  usedAt: Date | null;
}

export async function insertUserToken(
  db: Tx,
  t: { tokenHash: string; userId: number; purpose: TokenPurpose; email: string; expiresAt: Date },
  now: Date,
): Promise<void> {
  await db
    .insertInto("user_tokens")
    .values({ token_hash: t.tokenHash, user_id: t.userId, purpose: t.purpose, email: t.email, created_at: now, expires_at: t.expiresAt, used_at: null })
    .execute();
}

export async function findUserToken(db: Tx, tokenHash: string, purpose: TokenPurpose): Promise<UserTokenRecord | null> {
  const r = await db
    .selectFrom("user_tokens")
    .select(["user_id", "purpose", "email", "expires_at", "used_at"])
    .where("token_hash", "=", tokenHash)
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  return r ? { userId: r.user_id, purpose: r.purpose, email: r.email, expiresAt: toDate(r.expires_at), usedAt: toDateOrNull(r.used_at) } : null;
}

/** Marks a token used; false when another request used it first. */
export async function markUserTokenUsed(db: Tx, tokenHash: string, now: Date): Promise<boolean> {
  const r = await db.updateTable("user_tokens").set({ used_at: now }).where("token_hash", "=", tokenHash).where("used_at", "is", null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Drops a user's unused tokens of one purpose (or of every purpose), e.g. after the address changed. */
export async function deleteUnusedUserTokens(db: Tx, userId: number, purpose?: TokenPurpose): Promise<void> {
  let q = db.deleteFrom("user_tokens").where("user_id", "=", userId).where("used_at", "is", null);
  if (purpose) q = q.where("purpose", "=", purpose);
  await q.execute();
}

/** How many live sessions a user has (the settings page shows it). */
export async function countSessions(db: Tx, userId: number, now: Date): Promise<number> {
  const r = await db
    .selectFrom("sessions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** True for a unique-index violation on either engine (a race lost to a concurrent insert). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
