import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../audit.js";
import { GroupId } from "../groups.js";

export const DeleteGroupInput = z.object({ id: GroupId });

/**
 * Deletes a custom group with its memberships and category permission rows (admins only).
 * Refused while some category lists this group as its only permission: removing the row would
 * leave the list empty, which makes the category public. Built-in groups are never deleted.
 * Fails: unauthenticated, forbidden (also for built-in groups), invalid, not_found,
 * conflict (the only group of some category).
 */
export async function deleteGroup(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ id: number }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(DeleteGroupInput, input);
  if (!parsed.ok) return parsed;
  const { id } = parsed.value;
  const group = await ctx.db.selectFrom("groups").select(["id", "key", "name"]).where("id", "=", id).executeTakeFirst();
  if (!group) return err("not_found", "admin:groups.notFound");
  if (group.key !== null) return err("forbidden", "admin:groups.builtinReadOnly");
  const index = await ctx.cache.categories();
  const sole = index.list.filter((c) => c.permissions.length > 0 && c.permissions.every((p) => p.groupId === id));
  if (sole.length > 0) {
    return err("conflict", "admin:groups.deleteSoleGroup", { params: { categories: sole.map((c) => c.name).join(", ") } });
  }
  const now = ctx.clock();
  await transact(ctx, async (trx) => {
    const members = await trx.selectFrom("group_members").select("user_id").where("group_id", "=", id).execute();
    await trx.deleteFrom("category_permissions").where("group_id", "=", id).execute();
    await trx.deleteFrom("group_members").where("group_id", "=", id).execute();
    await trx.deleteFrom("groups").where("id", "=", id).execute();
    await audit(trx, actor, "group.delete", "group", id, { name: group.name, members: members.length }, now);
  });
  ctx.cache.invalidate("groups");
  ctx.cache.invalidate("categories");
  return ok({ id });
}
