import { sql } from "kysely";
import { toBool, toDate, toDateOrNull } from "../../../db/codec.js";
import type { Role } from "../../actor.js";
import type { Ctx } from "../../ctx.js";
import { ADMIN_PER_PAGE, type AdminPage, containsIgnoringCase, pageNumber, pageOf } from "./paging.js";

export interface AdminUserRow {
  id: number;
  username: string;
  name: string;
  email: string;
  role: Role;
  staff: boolean;
  title: string;
  emailVerified: boolean;
  suspendedUntil: Date | null;
  postCount: number;
  createdAt: Date;
  lastSeenAt: Date | null;
}

/**
 * Users for the admin list, newest first, optionally only those whose username, display name or
 * e-mail contains `q` (ignoring case). Admins only (the caller checks): e-mail addresses are private.
 */
export async function listUsers(ctx: Ctx, opts: { q?: string; page?: number; perPage?: number }): Promise<AdminPage<AdminUserRow> & { total: number }> {
  const page = pageNumber(opts.page);
  const perPage = opts.perPage ?? ADMIN_PER_PAGE;
  const q = opts.q?.trim().replace(/^@/, "") ?? "";
  let base = ctx.db.selectFrom("users");
  if (q) base = base.where((eb) => eb.or([containsIgnoringCase("username", q), containsIgnoringCase("email", q), containsIgnoringCase("name", q)]));
  const [rows, total] = await Promise.all([
    base
      .select(["id", "username", "name", "email", "role", "staff", "title", "email_verified_at", "suspended_until", "post_count", "created_at", "last_seen_at"])
      .orderBy("id", "desc")
      .offset((page - 1) * perPage)
      .limit(perPage + 1)
      .execute(),
    base.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => ({
    id: r.id,
    username: r.username,
    name: r.name,
    email: r.email,
    role: r.role,
    staff: toBool(r.staff),
    title: r.title,
    emailVerified: r.email_verified_at !== null,
    suspendedUntil: toDateOrNull(r.suspended_until),
    postCount: r.post_count,
    createdAt: toDate(r.created_at),
    lastSeenAt: toDateOrNull(r.last_seen_at),
  }));
  return { ...pageOf(items, page, perPage), total: Number(total.n) };
}
