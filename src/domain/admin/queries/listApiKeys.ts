import { toDate, toDateOrNull } from "../../../db/codec.js";
import type { Ctx } from "../../ctx.js";
import { ADMIN_PER_PAGE, type AdminPage, pageNumber, pageOf } from "./paging.js";

export interface AdminApiKeyRow {
  id: number;
  prefix: string;
  description: string;
  user: { id: number; username: string };
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** API keys, newest first, with whom they act as. Never the key itself (only its hash is stored). Admins only. */
export async function listApiKeys(ctx: Ctx, opts: { page?: number; perPage?: number }): Promise<AdminPage<AdminApiKeyRow>> {
  const page = pageNumber(opts.page);
  const perPage = opts.perPage ?? ADMIN_PER_PAGE;
  const rows = await ctx.db
    .selectFrom("api_keys as k")
    .innerJoin("users as u", "u.id", "k.user_id")
    .leftJoin("users as c", "c.id", "k.created_by")
    .select(["k.id", "k.prefix", "k.description", "k.user_id", "u.username", "c.username as created_by", "k.created_at", "k.last_used_at", "k.revoked_at"])
    .orderBy("k.id", "desc")
    .offset((page - 1) * perPage)
    .limit(perPage + 1)
    .execute();
  const items = rows.map((r) => ({
    id: r.id,
    prefix: r.prefix,
    description: r.description,
    user: { id: r.user_id, username: r.username },
    createdBy: r.created_by,
    createdAt: toDate(r.created_at),
    lastUsedAt: toDateOrNull(r.last_used_at),
    revokedAt: toDateOrNull(r.revoked_at),
  }));
  return pageOf(items, page, perPage);
}
