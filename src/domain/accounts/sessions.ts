import { toDate } from "../../db/codec.js";
import type { UserActor } from "../actor.js";
import type { Ctx, Tx } from "../ctx.js";
import { customGroupIds, findUserById } from "./repo.js";
import { hashToken, newToken } from "./tokens.js";
import type { User } from "./types.js";

export const SESSION_DAYS = 30;
const TOUCH_MS = 5 * 60_000;

/** The actor for a user: built-in groups by role, plus custom memberships. */
export async function actorFor(ctx: Ctx, user: User, db: Tx = ctx.db): Promise<UserActor> {
  const groups = await ctx.cache.groups();
  const b = groups.builtin;
  const ids = [b.everyone, b.members];
  if (user.staff || user.role === "admin") ids.push(b.staff);
  if (user.role === "moderator" || user.role === "admin") ids.push(b.moderators);
  if (user.role === "admin") ids.push(b.admins);
  ids.push(...(await customGroupIds(db, user.id)));
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
  const s = await ctx.db
    .selectFrom("sessions")
    .select(["user_id", "expires_at", "last_seen_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!s || toDate(s.expires_at) <= now) return null;
  const user = await findUserById(ctx.db, s.user_id);
  if (!user) return null;
  if (now.getTime() - toDate(s.last_seen_at).getTime() > TOUCH_MS) {
    // Sliding expiry, written at most every few minutes so page views stay read-only.
    const expires = new Date(now.getTime() + SESSION_DAYS * 86400_000);
    await ctx.db.updateTable("sessions").set({ last_seen_at: now, expires_at: expires }).where("id", "=", id).execute();
    await ctx.db.updateTable("users").set({ last_seen_at: now }).where("id", "=", user.id).execute();
  }
  return actorFor(ctx, user);
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
  const row = await ctx.db
    .selectFrom("api_keys")
    .select(["id", "user_id", "revoked_at", "last_used_at"])
    .where("token_hash", "=", hashToken(key))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  const user = await findUserById(ctx.db, row.user_id);
  if (!user) return null;
  const now = ctx.clock();
  if (!row.last_used_at || now.getTime() - toDate(row.last_used_at).getTime() > TOUCH_MS) {
    await ctx.db.updateTable("api_keys").set({ last_used_at: now }).where("id", "=", row.id).execute();
  }
  return { ...(await actorFor(ctx, user)), apiKeyId: row.id };
}
