import type { AdminCategoryNode } from "../../../domain/admin/queries/listCategoryTree.js";
import type { GroupIndex } from "../../../domain/community/siteCache.js";
import type { CategoryPermission, Group } from "../../../domain/community/types.js";
import { CONTENT_TYPES } from "../../../domain/content/contentTypes.js";
import { Field } from "../../../render/components/common.js";
import type { T } from "../../../render/i18n.js";
import type { Ui } from "../../../render/ui.js";

export type CategoryForm = Record<"name" | "slug" | "description" | "color" | "parentId" | "position" | "contentType", string>;

/** A group as admins read it: built-in groups by their translated name, custom ones by theirs. */
export const groupLabel = (t: T, g: Pick<Group, "key" | "name">): string => (g.key ? t(`admin:groups.builtin.${g.key}.name`) : g.name);

/** Who may do what, one line per group ("Staff: Read, reply and start topics"), or the public rule. */
export function accessLines(t: T, permissions: CategoryPermission[], groups: GroupIndex): string[] {
  if (permissions.length === 0) return [t("admin:categories.publicExplain")];
  return permissions.map((p) => {
    const g = groups.byId.get(p.groupId);
    return `${g ? groupLabel(t, g) : p.groupId}: ${t(`admin:permissions.level.${p.level}`)}`;
  });
}

/** The fields of the create and edit forms. `parents` are the categories that may hold sub-categories. */
export function CategoryFields(props: { ui: Ui; form: CategoryForm; errors: Record<string, string>; parents: AdminCategoryNode[]; selfId?: number; slugOptional?: boolean; hasChildren?: boolean }) {
  const { ui, form, errors } = props;
  const { t } = ui;
  const parents = props.parents.filter((p) => p.id !== props.selfId);
  return (
    <>
      <Field name="name" label={t("admin:categories.name")} value={form.name} error={errors.name} required maxLength={80} />
      <Field name="slug" label={t("admin:categories.slug")} value={form.slug} error={errors.slug} required={!props.slugOptional} maxLength={60} hint={t(props.slugOptional ? "admin:categories.slugHintNew" : "admin:categories.slugHint")} />
      <Field name="description" label={t("admin:categories.description")} value={form.description} error={errors.description} multiline rows={3} maxLength={1000} />
      <div class="admin-form-row">
        <Field name="color" label={t("admin:categories.color")} error={errors.color}>
          <input id="f-color" type="color" name="color" value={/^#[0-9a-fA-F]{6}$/.test(form.color) ? form.color : "#3b82f6"} aria-invalid={errors.color ? "true" : undefined} />
        </Field>
        <Field name="position" label={t("admin:categories.position")} error={errors.position} hint={t("admin:categories.positionHint")}>
          <input id="f-position" type="number" name="position" min={0} max={100000} value={form.position} inputMode="numeric" aria-invalid={errors.position ? "true" : undefined} />
        </Field>
      </div>
      <Field name="contentType" label={t("admin:categories.contentType")} error={errors.contentType} hint={t("admin:categories.contentTypeHint")}>
        <select id="f-contentType" name="contentType" aria-invalid={errors.contentType ? "true" : undefined}>
          {CONTENT_TYPES.map((type) => (
            <option key={type} value={type} selected={(form.contentType || "discussion") === type}>
              {t(`content:types.${type}.name`)} — {t(`content:types.${type}.description`)}
            </option>
          ))}
        </select>
      </Field>
      <Field name="parentId" label={t("admin:categories.parent")} error={errors.parentId} hint={t(props.hasChildren ? "admin:categories.parentLockedHint" : "admin:categories.parentHint")}>
        <select id="f-parentId" name="parentId" disabled={props.hasChildren} aria-invalid={errors.parentId ? "true" : undefined}>
          <option value="">{t("admin:categories.noParent")}</option>
          {parents.map((p) => (
            <option key={p.id} value={String(p.id)} selected={form.parentId === String(p.id)}>
              {p.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
