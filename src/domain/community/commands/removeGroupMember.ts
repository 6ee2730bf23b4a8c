import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../audit.js";
import { GroupId } from "../groups.js";

export const RemoveGroupMemberInput = z.object({ groupId: GroupId, userId: z.coerce.number().int().positive() });

/**
 * Removes a user from a custom group (admins only); it takes effect on their next request.
 * Fails: unauthenticated, forbidden, invalid, not_found (group, or the user is not a member).
 */
export async function removeGroupMember(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<null>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(RemoveGroupMemberInput, input);
  if (!parsed.ok) return parsed;
  const { groupId, userId } = parsed.value;
  const group = await ctx.db.selectFrom("groups").select(["id", "name"]).where("id", "=", groupId).executeTakeFirst();
  if (!group) return err("not_found", "admin:groups.notFound");
  const now = ctx.clock();
  const removed = await transact(ctx, async (trx) => {
    const member = await trx
      .selectFrom("group_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["u.username"])
      .where("m.group_id", "=", groupId)
      .where("m.user_id", "=", userId)
      .executeTakeFirst();
    if (!member) return false;
    await trx.deleteFrom("group_members").where("group_id", "=", groupId).where("user_id", "=", userId).execute();
    await audit(trx, actor, "group.member_remove", "group", groupId, { name: group.name, username: member.username, userId }, now);
    return true;
  });
  if (!removed) return err("not_found", "admin:groups.notMember");
  ctx.cache.invalidate("groups");
  return ok(null);
}
