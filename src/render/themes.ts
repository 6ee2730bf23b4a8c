import { bbsTheme } from "../../themes/bbs/index.js";
import { socialTheme } from "../../themes/social/index.js";
import { supportTheme } from "../../themes/support/index.js";
import type { ThemeId } from "../domain/community/types.js";
import type { ResolvedTheme, ThemeComponents, ThemeDefinition } from "./theme.js";

const definitions = new Map<ThemeId, ThemeDefinition>([supportTheme, socialTheme, bbsTheme].map((d) => [d.id, d]));

function resolve(id: ThemeId, seen: Set<ThemeId> = new Set()): ResolvedTheme {
  const def = definitions.get(id) ?? supportTheme;
  if (seen.has(def.id)) throw new Error(`theme ${def.id} extends itself`);
  seen.add(def.id);
  const parent = def.extends ? resolve(def.extends, seen) : null;
  const components = { ...(parent?.components ?? {}), ...def.components } as ThemeComponents;
  for (const name of ["Shell", "HomePage", "TopicListPage", "CategoriesPage", "TopicPage", "PostView"] as const) {
    if (!components[name]) throw new Error(`theme ${def.id} lacks ${name}`);
  }
  return { id: def.id, stylesheet: def.stylesheet, homeNeeds: def.homeNeeds ?? parent?.homeNeeds ?? [], components };
}

const resolved = new Map<ThemeId, ResolvedTheme>([...definitions.keys()].map((id) => [id, resolve(id)]));

/** A theme with inherited components filled in; unknown ids fall back to the default theme. */
export const theme = (id: string): ResolvedTheme => resolved.get(id as ThemeId) ?? resolved.get("support")!;
