import { toDate, toJson } from "../../../db/codec.js";
import type { Ctx } from "../../ctx.js";
import { ADMIN_PER_PAGE, type AdminPage, pageNumber, pageOf } from "./paging.js";

export interface AuditEntry {
  id: number;
  action: string;
  actor: { id: number; username: string } | null;
  targetType: string;
  targetId: number | null;
  /** The target user's current username, for entries about users. */
  targetUsername: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** The audit log, newest first. Admins only (the caller checks). */
export async function listAuditLog(ctx: Ctx, opts: { page?: number; perPage?: number }): Promise<AdminPage<AuditEntry>> {
  const page = pageNumber(opts.page);
  const perPage = opts.perPage ?? ADMIN_PER_PAGE;
  const rows = await ctx.db
    .selectFrom("audit_log as a")
    .leftJoin("users as u", "u.id", "a.actor_id")
    .leftJoin("users as tu", (j) => j.onRef("tu.id", "=", "a.target_id").on("a.target_type", "=", "user"))
    .select(["a.id", "a.action", "a.actor_id", "u.username", "a.target_type", "a.target_id", "tu.username as target_username", "a.data", "a.created_at"])
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc")
    .offset((page - 1) * perPage)
    .limit(perPage + 1)
    .execute();
  const items = rows.map((r) => {
    const data = toJson<unknown>(r.data);
    return {
      id: r.id,
      action: r.action,
      actor: r.actor_id !== null && r.username !== null ? { id: r.actor_id, username: r.username } : null,
      targetType: r.target_type,
      targetId: r.target_id,
      targetUsername: r.target_username,
      data: data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
      createdAt: toDate(r.created_at),
    };
  });
  return pageOf(items, page, perPage);
}
