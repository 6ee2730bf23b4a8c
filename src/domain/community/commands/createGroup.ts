import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../audit.js";
import { GroupDescription, GroupName, groupNameTaken } from "../groups.js";

export const CreateGroupInput = z.object({ name: GroupName, description: GroupDescription });

/**
 * Creates a custom group (admins only), for category permissions such as "Beta testers".
 * Fails: unauthenticated, forbidden, invalid, conflict (name taken).
 */
export async function createGroup(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ id: number }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(CreateGroupInput, input);
  if (!parsed.ok) return parsed;
  const { name, description } = parsed.value;
  if (await groupNameTaken(ctx.db, name)) return err("conflict", undefined, { fields: { name: { key: "admin:validation.groupNameTaken" } } });
  const now = ctx.clock();
  const id = await transact(ctx, async (trx) => {
    const row = await trx.insertInto("groups").values({ key: null, name, description, created_at: now }).returning("id").executeTakeFirstOrThrow();
    await audit(trx, actor, "group.create", "group", row.id, { name }, now);
    return row.id;
  });
  ctx.cache.invalidate("groups");
  return ok({ id });
}
