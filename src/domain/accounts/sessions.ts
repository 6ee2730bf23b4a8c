import { toDate } from "../../db/codec.js";
import type { UserActor } from "../actor.js";
import type { Ctx, Tx } from "../ctx.js";
import { type Member, customGroupIds, findMembersByIds, memberColumns, toMember } from "./repo.js";
import { hashToken, newToken } from "./tokens.js";
import type { User } from "./types.js";

export const SESSION_DAYS = 30;
const TOUCH_MS = 5 * 60_000;

/** The actor for a user: built-in groups by role, plus custom memberships. */
export async function actorFor(ctx: Ctx, user: User, db: Tx = ctx.db): Promise<UserActor> {
  return actorOf(ctx, { user, customGroupIds: await customGroupIds(db, user.id) });
}

/** The actors of users read by id with their groups (one query); unknown ids are left out. */
export async function actorsById(ctx: Ctx, userIds: number[]): Promise<Map<number, UserActor>> {
  const members = await findMembersByIds(ctx.db, userIds);
  return new Map(await Promise.all([...members].map(async ([id, m]) => [id, await actorOf(ctx, m)] as const)));
}

async function actorOf(ctx: Ctx, { user, customGroupIds }: Member): Promise<UserActor> {
  const groups = await ctx.cache.groups();
  const b = groups.builtin;
  const ids = [b.everyone, b.members];
  if (user.staff || user.role === "admin") ids.push(b.staff);
  if (user.role === "moderator" || user.role === "admin") ids.push(b.moderators);
  if (user.role === "admin") ids.push(b.admins);
  ids.push(...customGroupIds);
  const now = ctx.clock();
  return {
    kind: "user",
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    staff: user.staff,
    groupIds: ids.sort((x, y) => x - y),
    locale: user.locale,
    theme: user.theme,
    emailVerified: user.emailVerified,
    suspended: user.suspendedUntil !== null && user.suspendedUntil > now,
  };
}

/** Starts a session; returns the cookie value (only its hash is stored). */
export async function createSession(ctx: Ctx, userId: number, meta: { ip: string; userAgent: string }): Promise<string> {
  const token = newToken();
  const now = ctx.clock();
  await ctx.db
    .insertInto("sessions")
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + SESSION_DAYS * 86400_000),
      ip: meta.ip,
      user_agent: meta.userAgent.slice(0, 300),
    })
    .execute();
  await ctx.db.updateTable("users").set({ last_seen_at: now }).where("id", "=", userId).execute();
  return token;
}

/** The signed-in user for a session cookie, or null when it is unknown or expired. */
export async function resolveSession(ctx: Ctx, token: string): Promise<UserActor | null> {
  const id = hashToken(token);
  const now = ctx.clock();
  // The session, its user and their groups in one query: this runs on every signed-in request.
  const rows = await ctx.db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .leftJoin("group_members as gm", "gm.user_id", "u.id")
    .select([...memberColumns, "gm.group_id", "s.expires_at", "s.last_seen_at as session_seen_at"])
    .where("s.id", "=", id)
    .execute();
  const member = toMember(rows);
  if (!member || toDate(rows[0].expires_at) <= now) return null;
  if (now.getTime() - toDate(rows[0].session_seen_at).getTime() > TOUCH_MS) {
    // Sliding expiry, written at most every few minutes so page views stay read-only.
    const expires = new Date(now.getTime() + SESSION_DAYS * 86400_000);
    await ctx.db.updateTable("sessions").set({ last_seen_at: now, expires_at: expires }).where("id", "=", id).execute();
    await ctx.db.updateTable("users").set({ last_seen_at: now }).where("id", "=", member.user.id).execute();
  }
  return actorOf(ctx, member);
}

export async function destroySession(ctx: Ctx, token: string): Promise<void> {
  await ctx.db.deleteFrom("sessions").where("id", "=", hashToken(token)).execute();
}

/** Ends every session of a user (password reset, suspension), optionally keeping one. */
export async function destroyUserSessions(db: Tx, userId: number, keepToken?: string): Promise<void> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepToken) q = q.where("id", "!=", hashToken(keepToken));
  await q.execute();
}

/** The user behind an API key (`Authorization: Bearer …`), or null when unknown or revoked. */
export async function resolveApiKey(ctx: Ctx, key: string): Promise<UserActor | null> {
  const rows = await ctx.db
    .selectFrom("api_keys as k")
    .innerJoin("users as u", "u.id", "k.user_id")
    .leftJoin("group_members as gm", "gm.user_id", "u.id")
    .select([...memberColumns, "gm.group_id", "k.id as key_id", "k.revoked_at", "k.last_used_at"])
    .where("k.token_hash", "=", hashToken(key))
    .execute();
  const member = toMember(rows);
  if (!member || rows[0].revoked_at !== null) return null;
  const { key_id: keyId, last_used_at: lastUsedAt } = rows[0];
  const now = ctx.clock();
  if (!lastUsedAt || now.getTime() - toDate(lastUsedAt).getTime() > TOUCH_MS) {
    await ctx.db.updateTable("api_keys").set({ last_used_at: now }).where("id", "=", keyId).execute();
  }
  return { ...(await actorOf(ctx, member)), apiKeyId: keyId };
}
