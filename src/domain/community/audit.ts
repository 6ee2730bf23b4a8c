import type { Actor } from "../actor.js";
import type { Tx } from "../ctx.js";

/** Records a staff action in the audit log, inside the action's transaction. */
export async function audit(db: Tx, actor: Actor, action: string, targetType: string, targetId: number | null, data: Record<string, unknown>, now: Date): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_id: actor.kind === "user" ? actor.id : null,
      action,
      target_type: targetType,
      target_id: targetId,
      data: JSON.stringify(data),
      created_at: now,
    })
    .execute();
}
