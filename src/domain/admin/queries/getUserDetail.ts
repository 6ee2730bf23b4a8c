import { sql } from "kysely";
import { toDate, toDateOrNull } from "../../../db/codec.js";
import { findUserById } from "../../accounts/repo.js";
import type { User } from "../../accounts/types.js";
import type { Ctx } from "../../ctx.js";

export interface AdminUserDetail {
  user: User;
  /** Custom groups the user belongs to. */
  groups: Array<{ id: number; name: string }>;
  apiKeys: Array<{ id: number; prefix: string; description: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }>;
  activeSessions: number;
  admins: number;
}

/** Everything the admin user page shows about one user; null when there is no such user. Admins only (the caller checks). */
export async function getUserDetail(ctx: Ctx, id: number): Promise<AdminUserDetail | null> {
  const user = await findUserById(ctx.db, id);
  if (!user) return null;
  const now = ctx.clock();
  const [groups, keys, sessions, admins] = await Promise.all([
    ctx.db
      .selectFrom("group_members as m")
      .innerJoin("groups as g", "g.id", "m.group_id")
      .select(["g.id", "g.name"])
      .where("m.user_id", "=", id)
      .orderBy("g.name")
      .execute(),
    ctx.db
      .selectFrom("api_keys")
      .select(["id", "prefix", "description", "created_at", "last_used_at", "revoked_at"])
      .where("user_id", "=", id)
      .orderBy("id", "desc")
      .execute(),
    ctx.db.selectFrom("sessions").select(sql<number>`count(*)`.as("n")).where("user_id", "=", id).where("expires_at", ">", now).executeTakeFirstOrThrow(),
    ctx.db.selectFrom("users").select(sql<number>`count(*)`.as("n")).where("role", "=", "admin").executeTakeFirstOrThrow(),
  ]);
  return {
    user,
    groups,
    apiKeys: keys.map((k) => ({
      id: k.id,
      prefix: k.prefix,
      description: k.description,
      createdAt: toDate(k.created_at),
      lastUsedAt: toDateOrNull(k.last_used_at),
      revokedAt: toDateOrNull(k.revoked_at),
    })),
    activeSessions: Number(sessions.n),
    admins: Number(admins.n),
  };
}
