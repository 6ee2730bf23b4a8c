import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../audit.js";
import { GroupDescription, GroupId, GroupName, groupNameTaken } from "../groups.js";

export const UpdateGroupInput = z.object({ id: GroupId, name: GroupName, description: GroupDescription });

/**
 * Renames a custom group or changes its description (admins only). Built-in groups are fixed.
 * Fails: unauthenticated, forbidden (also for built-in groups), invalid, not_found, conflict (name taken).
 */
export async function updateGroup(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ id: number }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(UpdateGroupInput, input);
  if (!parsed.ok) return parsed;
  const { id, name, description } = parsed.value;
  const group = await ctx.db.selectFrom("groups").select(["id", "key", "name", "description"]).where("id", "=", id).executeTakeFirst();
  if (!group) return err("not_found", "admin:groups.notFound");
  if (group.key !== null) return err("forbidden", "admin:groups.builtinReadOnly");
  if (await groupNameTaken(ctx.db, name, id)) return err("conflict", undefined, { fields: { name: { key: "admin:validation.groupNameTaken" } } });
  if (name === group.name && description === group.description) return ok({ id });
  const now = ctx.clock();
  await transact(ctx, async (trx) => {
    await trx.updateTable("groups").set({ name, description }).where("id", "=", id).execute();
    await audit(trx, actor, "group.update", "group", id, { name, from: group.name, changes: { name: { from: group.name, to: name }, description: { from: group.description, to: description } } }, now);
  });
  ctx.cache.invalidate("groups");
  return ok({ id });
}
