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
