import { toJson } from "../src/db/codec.js";
import { findUserById } from "../src/domain/accounts/repo.js";
import { actorFor } from "../src/domain/accounts/sessions.js";
import type { UserActor } from "../src/domain/actor.js";
import type { Ctx } from "../src/domain/ctx.js";

/** Audit rows of one action on one target (newest first), with their data parsed. */
export async function auditRows(ctx: Ctx, action: string, targetId: number | null): Promise<Array<{ actorId: number | null; targetType: string; data: Record<string, unknown> }>> {
  let q = ctx.db.selectFrom("audit_log").select(["actor_id", "target_type", "data"]).where("action", "=", action);
  q = targetId === null ? q.where("target_id", "is", null) : q.where("target_id", "=", targetId);
  const rows = await q.orderBy("id", "desc").execute();
  return rows.map((r) => ({ actorId: r.actor_id, targetType: r.target_type, data: toJson<Record<string, unknown>>(r.data) }));
}

/** The actor of an existing user, e.g. the admin that testApp() set up. */
export async function actorOf(ctx: Ctx, userId: number): Promise<UserActor> {
  return actorFor(ctx, (await findUserById(ctx.db, userId))!);
}
