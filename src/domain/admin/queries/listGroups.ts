import { sql } from "kysely";
import { toDate } from "../../../db/codec.js";
import type { BuiltinGroup } from "../../community/types.js";
import type { Ctx } from "../../ctx.js";

export interface AdminGroupRow {
  id: number;
  key: BuiltinGroup | null;
  name: string;
  description: string;
  /** Members now: derived from roles for built-in groups (null for "everyone", which includes visitors). */
  memberCount: number | null;
  /** Categories whose permissions mention the group. */
  categoryCount: number;
}

export interface AdminGroupMember {
  id: number;
  username: string;
  name: string;
  addedAt: Date;
}

const count = sql<number>`count(*)`.as("n");

/** Built-in groups (with how many users they hold by role) and custom groups. Admins only. */
export async function listGroups(ctx: Ctx): Promise<AdminGroupRow[]> {
  const [index, categories] = await Promise.all([ctx.cache.groups(), ctx.cache.categories()]);
  const db = ctx.db;
  const [members, staff, moderators, admins, custom] = await Promise.all([
    db.selectFrom("users").select(count).executeTakeFirstOrThrow(),
    db.selectFrom("users").select(count).where((eb) => eb.or([eb("staff", "=", true), eb("role", "=", "admin")])).executeTakeFirstOrThrow(),
    db.selectFrom("users").select(count).where("role", "in", ["moderator", "admin"]).executeTakeFirstOrThrow(),
    db.selectFrom("users").select(count).where("role", "=", "admin").executeTakeFirstOrThrow(),
    db.selectFrom("group_members").select(["group_id", count]).groupBy("group_id").execute(),
  ]);
  const derived: Record<BuiltinGroup, number | null> = {
    everyone: null,
    members: Number(members.n),
    staff: Number(staff.n),
    moderators: Number(moderators.n),
    admins: Number(admins.n),
  };
  const customCounts = new Map(custom.map((c) => [c.group_id, Number(c.n)]));
  const usedIn = (id: number) => categories.list.filter((c) => c.permissions.some((p) => p.groupId === id)).length;
  return index.list.map((g) => ({
    id: g.id,
    key: g.key,
    name: g.name,
    description: g.description,
    memberCount: g.key ? derived[g.key] : (customCounts.get(g.id) ?? 0),
    categoryCount: usedIn(g.id),
  }));
}

/** The members of a custom group, by username. Admins only. */
export async function listGroupMembers(ctx: Ctx, groupId: number): Promise<AdminGroupMember[]> {
  const rows = await ctx.db
    .selectFrom("group_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.username", "u.name", "m.created_at"])
    .where("m.group_id", "=", groupId)
    .orderBy("u.username")
    .execute();
  return rows.map((r) => ({ id: r.id, username: r.username, name: r.name, addedAt: toDate(r.created_at) }));
}
