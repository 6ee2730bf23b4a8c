import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, fieldErr, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../audit.js";
import type { CategoryPermission } from "../types.js";

export const SetCategoryPermissionsInput = z.object({
  id: z.coerce.number().int().positive(),
  permissions: z
    .array(
      z.object({
        groupId: z.coerce.number().int().positive(),
        level: z.enum(["see", "reply", "create"]),
      }),
    )
    .max(200),
});

/**
 * Replaces which groups may see, reply in and start topics in a category (admins only).
 * An empty list makes the category public again (everyone reads, members post). Each group may
 * appear once. Fails: unauthenticated, forbidden, invalid (unknown or repeated group), not_found.
 */
export async function setCategoryPermissions(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ permissions: CategoryPermission[] }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(SetCategoryPermissionsInput, input);
  if (!parsed.ok) return parsed;
  const { id, permissions } = parsed.value;
  const [index, groups] = await Promise.all([ctx.cache.categories(), ctx.cache.groups()]);
  const category = index.byId.get(id);
  if (!category) return err("not_found", "errors:categoryNotFound");
  const seen = new Set<number>();
  for (const p of permissions) {
    if (!groups.byId.has(p.groupId)) return fieldErr("permissions", "admin:validation.unknownGroup");
    if (seen.has(p.groupId)) return fieldErr("permissions", "admin:validation.groupRepeated");
    seen.add(p.groupId);
  }
  const name = (groupId: number) => groups.byId.get(groupId)?.key ?? groups.byId.get(groupId)?.name ?? String(groupId);
  const now = ctx.clock();
  await transact(ctx, async (trx) => {
    await trx.deleteFrom("category_permissions").where("category_id", "=", id).execute();
    if (permissions.length > 0) {
      await trx
        .insertInto("category_permissions")
        .values(permissions.map((p) => ({ category_id: id, group_id: p.groupId, level: p.level })))
        .execute();
    }
    await audit(
      trx,
      actor,
      "category.permissions",
      "category",
      id,
      {
        name: category.name,
        before: category.permissions.map((p) => ({ group: name(p.groupId), level: p.level })),
        after: permissions.map((p) => ({ group: name(p.groupId), level: p.level })),
      },
      now,
    );
  });
  ctx.cache.invalidate("categories");
  return ok({ permissions });
}
