import { toDate } from "../../../db/codec.js";
import type { Ctx } from "../../ctx.js";
import { ADMIN_PER_PAGE, type AdminPage, containsIgnoringCase, pageNumber, pageOf } from "./paging.js";

export interface AdminTagRow {
  id: number;
  name: string;
  topicCount: number;
  createdAt: Date;
}

/** Tags by use (most topics first), optionally filtered by a part of the name. Admins only. */
export async function listTags(ctx: Ctx, opts: { q?: string; page?: number; perPage?: number }): Promise<AdminPage<AdminTagRow>> {
  const page = pageNumber(opts.page);
  const perPage = opts.perPage ?? ADMIN_PER_PAGE;
  let q = ctx.db.selectFrom("tags").select(["id", "name", "topic_count", "created_at"]);
  const text = opts.q?.trim().replace(/^#/, "");
  if (text) q = q.where(containsIgnoringCase("name", text));
  const rows = await q
    .orderBy("topic_count", "desc")
    .orderBy("name")
    .offset((page - 1) * perPage)
    .limit(perPage + 1)
    .execute();
  return pageOf(
    rows.map((r) => ({ id: r.id, name: r.name, topicCount: r.topic_count, createdAt: toDate(r.created_at) })),
    page,
    perPage,
  );
}
