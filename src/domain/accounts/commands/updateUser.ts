import { z } from "zod";
import type { Actor } from "../../actor.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../../community/audit.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";

/** Checkboxes arrive as "on"/"true"/"1" or are missing; JSON sends booleans. */
export const Checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

export const UpdateUserInput = z.object({
  id: z.coerce.number().int().positive(),
  role: z.enum(["admin", "moderator", "member"]),
  staff: Checkbox,
  /** Shown next to the user's posts, e.g. "Support Engineer". */
  title: z.string().trim().max(60).default(""),
});

/**
 * Sets a user's role, staff flag and title (admins only). The community always keeps at least
 * one admin, so the last admin cannot step down. Changes apply from the user's next request.
 * Fails: unauthenticated, forbidden, invalid, not_found, conflict (last admin).
 */
export async function updateUser(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ id: number }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(UpdateUserInput, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const now = ctx.clock();
  const outcome = await transact(ctx, async (trx) => {
    const user = await trx.selectFrom("users").select(["id", "username", "role", "staff", "title"]).where("id", "=", v.id).executeTakeFirst();
    if (!user) return "not_found" as const;
    if (user.role === "admin" && v.role !== "admin") {
      // Counted inside the transaction, so two admins demoting each other cannot both succeed.
      const admins = await trx.selectFrom("users").select("id").where("role", "=", "admin").limit(2).execute();
      if (admins.length < 2) return "last_admin" as const;
    }
    const before = { role: user.role, staff: Boolean(user.staff), title: user.title };
    const after = { role: v.role, staff: v.staff, title: v.title };
    const changes = Object.fromEntries(
      (Object.keys(after) as Array<keyof typeof after>).filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]),
    );
    if (Object.keys(changes).length === 0) return "unchanged" as const;
    await trx.updateTable("users").set({ role: v.role, staff: v.staff, title: v.title, updated_at: now }).where("id", "=", v.id).execute();
    await audit(trx, actor, "user.update", "user", v.id, { username: user.username, changes }, now);
    return "updated" as const;
  });
  if (outcome === "not_found") return err("not_found", "admin:users.notFound");
  if (outcome === "last_admin") return err("conflict", "admin:users.lastAdmin", { fields: { role: { key: "admin:validation.lastAdmin" } } });
  return ok({ id: v.id });
}
