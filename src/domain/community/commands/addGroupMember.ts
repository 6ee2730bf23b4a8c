import { z } from "zod";
import type { Actor } from "../../actor.js";
import { findUserByUsername } from "../../accounts/repo.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../audit.js";
import { GroupId } from "../groups.js";

export const AddGroupMemberInput = z.object({ groupId: GroupId, username: z.string().trim().min(1).max(60) });

/**
 * Adds a user, by username, to a custom group (admins only). Built-in groups follow from roles
 * and cannot be joined by hand. The new membership counts from the user's next request.
 * Fails: unauthenticated, forbidden (built-in group), invalid, not_found (group or user), conflict (already a member).
 */
export async function addGroupMember(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ userId: number }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(AddGroupMemberInput, input);
  if (!parsed.ok) return parsed;
  const { groupId, username } = parsed.value;
  const group = await ctx.db.selectFrom("groups").select(["id", "key", "name"]).where("id", "=", groupId).executeTakeFirst();
  if (!group) return err("not_found", "admin:groups.notFound");
  if (group.key !== null) return err("forbidden", "admin:groups.builtinReadOnly");
  const user = await findUserByUsername(ctx.db, username.replace(/^@/, ""));
  if (!user) return err("not_found", undefined, { fields: { username: { key: "validation.unknownUser" } } });
  const now = ctx.clock();
  const added = await transact(ctx, async (trx) => {
    const existing = await trx.selectFrom("group_members").select("user_id").where("group_id", "=", groupId).where("user_id", "=", user.id).executeTakeFirst();
    if (existing) return false;
    await trx.insertInto("group_members").values({ group_id: groupId, user_id: user.id, created_at: now }).execute();
    await audit(trx, actor, "group.member_add", "group", groupId, { name: group.name, username: user.username, userId: user.id }, now);
    return true;
  });
  if (!added) return err("conflict", undefined, { fields: { username: { key: "admin:validation.alreadyMember" } } });
  ctx.cache.invalidate("groups");
  return ok({ userId: user.id });
}
