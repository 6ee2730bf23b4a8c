import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../audit.js";
import { loadSettings, saveSettings } from "../repo.js";
import { LOCALES, type SiteSettings, THEMES } from "../types.js";

export const UpdateSettingsInput = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(""),
  defaultLocale: z.enum(LOCALES as ["ja", "en"]),
  theme: z.enum(THEMES as ["support", "social", "bbs"]),
  /** Absent: left as it is. */
  ideaVoteLimit: z.coerce.number().int().min(0).max(1000).optional(),
});

type Editable = Pick<SiteSettings, "name" | "description" | "defaultLocale" | "theme" | "ideaVoteLimit">;

/**
 * Changes the community's name, description, default language, default theme and the number of
 * open ideas a member may vote for (admins only).
 * Records what changed in the audit log. Fails: unauthenticated, forbidden, invalid.
 */
export async function updateSettings(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ changed: string[] }>> {
  const denied = requireAdmin(actor);
  if (denied) return denied;
  const parsed = parseInput(UpdateSettingsInput, input);
  if (!parsed.ok) return parsed;
  const next: Partial<Editable> = parsed.value;
  const now = ctx.clock();
  const changed = await transact(ctx, async (trx) => {
    const before = await loadSettings(trx);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(next) as Array<keyof Editable>) {
      if (next[key] !== undefined && before[key] !== next[key]) changes[key] = { from: before[key], to: next[key] };
    }
    if (Object.keys(changes).length === 0) return [];
    await saveSettings(trx, next, now);
    await audit(trx, actor, "settings.update", "site", null, { changes }, now);
    return Object.keys(changes);
  });
  if (changed.length > 0) ctx.cache.invalidate("settings");
  return ok({ changed });
}
