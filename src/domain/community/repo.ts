import { toJson } from "../../db/codec.js";
import type { Tx } from "../ctx.js";
import type { Category, Group, PermissionLevel, SiteSettings } from "./types.js";
import { defaultSettings } from "./types.js";

/** Site settings: one row per key, JSON values; unknown keys are ignored, missing ones defaulted. */
export async function loadSettings(db: Tx): Promise<SiteSettings> {
  const rows = await db.selectFrom("site_settings").select(["key", "value"]).execute();
  const out: Record<string, unknown> = { ...defaultSettings };
  for (const r of rows) if (r.key in defaultSettings) out[r.key] = toJson(r.value);
  return out as unknown as SiteSettings;
}

export async function saveSettings(db: Tx, patch: Partial<SiteSettings>, now: Date): Promise<void> {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    await db
      .insertInto("site_settings")
      .values({ key, value: JSON.stringify(value), updated_at: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
      .execute();
  }
}

export async function loadCategories(db: Tx): Promise<Category[]> {
  const [rows, perms] = await Promise.all([
    db
      .selectFrom("categories")
      .select(["id", "parent_id", "slug", "name", "description", "color", "position", "content_type"])
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db.selectFrom("category_permissions").select(["category_id", "group_id", "level"]).execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    color: r.color,
    position: r.position,
    contentType: r.content_type,
    permissions: perms.filter((p) => p.category_id === r.id).map((p) => ({ groupId: p.group_id, level: p.level as PermissionLevel })),
  }));
}

export async function loadGroups(db: Tx): Promise<Group[]> {
  const rows = await db.selectFrom("groups").select(["id", "key", "name", "description"]).orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, key: r.key as Group["key"], name: r.name, description: r.description }));
}

/**
 * What an article (news) category starts with: everyone reads, members comment, staff start
 * topics. Admins change it in the category's permissions like any other.
 */
export async function grantArticleDefaults(db: Tx, categoryId: number): Promise<void> {
  const groups = await db.selectFrom("groups").select(["id", "key"]).where("key", "in", ["everyone", "members", "staff"]).execute();
  const level = { everyone: "see", members: "reply", staff: "create" } as const;
  const rows = groups.map((g) => ({ category_id: categoryId, group_id: g.id, level: level[g.key as keyof typeof level] }));
  if (rows.length > 0) await db.insertInto("category_permissions").values(rows).execute();
}
