import { z } from "zod";
import type { Actor } from "../../actor.js";
import type { Ctx } from "../../ctx.js";
import { LOCALES, type Locale, THEMES, type ThemeId } from "../../community/types.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { updateUser } from "../repo.js";

// "" (or null) means "not chosen": the browser's language, the community's theme.
const unset = (v: unknown) => (v === "" ? null : v);
export const UpdatePreferencesInput = z.object({
  locale: z.preprocess(unset, z.enum(LOCALES as [Locale, ...Locale[]]).nullable()),
  theme: z.preprocess(unset, z.enum(THEMES as [ThemeId, ...ThemeId[]]).nullable()),
});

/**
 * Sets the signed-in member's interface language and theme; null follows the browser's language
 * and the community's theme. Fails: invalid, unauthenticated.
 */
export async function updatePreferences(ctx: Ctx, actor: Actor, input: unknown): Promise<Result<{ locale: Locale | null; theme: ThemeId | null }>> {
  const parsed = parseInput(UpdatePreferencesInput, input);
  if (!parsed.ok) return parsed;
  if (actor.kind !== "user") return err("unauthenticated");
  const { locale, theme } = parsed.value;
  await updateUser(ctx.db, actor.id, { locale, theme }, ctx.clock());
  return ok({ locale, theme });
}
