import { z } from "zod";
import type { Actor } from "../../actor.js";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { requireAdmin } from "../../admin/policy.js";
import { audit } from "../audit.js";
import { loadSettings, saveSettings } from "../repo.js";
import { LOCALES, type SiteSettings, THEMES } from "../types.js";
import { FILE_TYPES, HARD_MAX_MB } from "../../media/types.js";

export const UpdateSettingsInput = z.object({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(""),
  defaultLocale: z.enum(LOCALES as ["ja", "en"]),
  theme: z.enum(THEMES as ["support", "social", "bbs"]),
  /** Absent: left as it is. */
  ideaVoteLimit: z.coerce.number().int().min(0).max(1000).optional(),
  uploadMaxMb: z.coerce.number().int().min(1).max(HARD_MAX_MB).optional(),
  /** Extensions, as a list or separated by commas or spaces; each one a type the platform knows. */
  uploadTypes: z
    .preprocess(
      (v) => (typeof v === "string" ? v.split(/[\s,、]+/) : v),
      z.array(z.string()).transform((list) => [...new Set(list.map((x) => x.trim().toLowerCase().replace(/^\./, "")).filter(Boolean))]),
    )
    .refine((list) => list.every((x) => x in FILE_TYPES), { error: "validation.uploadTypes" })
    .optional(),
  /** Forms send "on" for a ticked box; the API a boolean. */
  linkPreviews: z.preprocess((v) => (v === "on" || v === "true" ? true : v === "off" || v === "false" ? false : v), z.boolean()).optional(),
});

type Editable = Pick<SiteSettings, "name" | "description" | "defaultLocale" | "theme" | "ideaVoteLimit" | "uploadMaxMb" | "uploadTypes" | "linkPreviews">;

/**
 * Changes the community's name, description, default language, default theme, the number of
 * open ideas a member may vote for, upload limits and link previews (admins only).
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
      if (next[key] !== undefined && JSON.stringify(before[key]) !== JSON.stringify(next[key])) changes[key] = { from: before[key], to: next[key] };
    }
    if (Object.keys(changes).length === 0) return [];
    await saveSettings(trx, next, now);
    await audit(trx, actor, "settings.update", "site", null, { changes }, now);
    return Object.keys(changes);
  });
  if (changed.length > 0) ctx.cache.invalidate("settings");
  return ok({ changed });
}
