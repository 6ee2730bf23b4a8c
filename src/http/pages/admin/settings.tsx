import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { updateSettings } from "../../../domain/community/commands/updateSettings.js";
import { LOCALES, THEMES } from "../../../domain/community/types.js";
import type { Ctx } from "../../../domain/ctx.js";
import { Csrf, Field } from "../../../render/components/common.js";
import { FILE_TYPES } from "../../../domain/media/types.js";
import { type Rejected, RejectedBanner, done, errorsFor, formValues, sendAdminPage, statusFor } from "./shared.js";

const KEYS = ["name", "description", "defaultLocale", "theme", "ideaVoteLimit", "uploadMaxMb", "uploadTypes", "linkPreviews"] as const;
type Form = Record<(typeof KEYS)[number], string>;

function render(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, form: Form, rejected?: Rejected<Form>) {
  return sendAdminPage(ctx, req, reply, { section: "settings", title: req.t("admin:settings.title"), lead: req.t("admin:settings.lead"), status: statusFor(rejected) }, (ui) => {
    const { t } = ui;
    const errors = errorsFor(ui, rejected, "settings");
    return (
      <form method="post" action="/admin/settings" class="stacked-form admin-form">
        <RejectedBanner ui={ui} rejected={rejected} form="settings" />
        <Csrf />
        <Field name="name" label={t("admin:settings.name")} value={form.name} error={errors.name} required maxLength={80} />
        <Field name="description" label={t("admin:settings.description")} value={form.description} error={errors.description} multiline rows={3} maxLength={500} hint={t("admin:settings.descriptionHint")} />
        <Field name="defaultLocale" label={t("admin:settings.defaultLocale")} error={errors.defaultLocale} hint={t("admin:settings.defaultLocaleHint")}>
          <select id="f-defaultLocale" name="defaultLocale">
            {LOCALES.map((l) => (
              <option key={l} value={l} selected={form.defaultLocale === l} lang={l}>
                {l === "ja" ? "日本語" : "English"}
              </option>
            ))}
          </select>
        </Field>
        <fieldset class={errors.theme ? "has-error" : undefined}>
          <legend>{t("admin:settings.theme")}</legend>
          {THEMES.map((id) => (
            <label key={id} class="admin-choice">
              <input type="radio" name="theme" value={id} checked={form.theme === id} />
              <span>
                <strong>{t(`admin:settings.themes.${id}.name`)}</strong>
                <span class="field-hint">{t(`admin:settings.themes.${id}.description`)}</span>
              </span>
            </label>
          ))}
          {errors.theme ? <p class="field-error">{errors.theme}</p> : null}
        </fieldset>
        <Field name="ideaVoteLimit" type="number" label={t("ideas:settings.voteLimit")} value={form.ideaVoteLimit} error={errors.ideaVoteLimit} hint={t("ideas:settings.voteLimitHint")} />
        <fieldset>
          <legend>{t("media:settings.legend")}</legend>
          <Field name="uploadMaxMb" type="number" label={t("media:settings.maxMb")} value={form.uploadMaxMb} error={errors.uploadMaxMb} hint={t("media:settings.maxMbHint")} />
          <Field name="uploadTypes" label={t("media:settings.types")} value={form.uploadTypes} error={errors.uploadTypes} hint={`${t("media:settings.typesHint")} (${Object.keys(FILE_TYPES).join(", ")})`} />
          <input type="hidden" name="linkPreviews" value="off" />
          <label class="admin-check">
            <input type="checkbox" name="linkPreviews" value="on" checked={form.linkPreviews === "on"} /> {t("media:settings.linkPreviews")}
          </label>
          <p class="field-hint">{t("media:settings.linkPreviewsHint")}</p>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            {t("admin:save")}
          </button>
        </div>
      </form>
    );
  });
}

/** `/admin/settings`: community name, description, default language and theme. */
export function settingsPage(app: FastifyInstance, ctx: Ctx): void {
  app.get("/admin/settings", async (req, reply) => {
    const s = req.settings;
    return render(ctx, req, reply, {
      name: s.name,
      description: s.description,
      defaultLocale: s.defaultLocale,
      theme: s.theme,
      ideaVoteLimit: String(s.ideaVoteLimit),
      uploadMaxMb: String(s.uploadMaxMb),
      uploadTypes: s.uploadTypes.join(", "),
      linkPreviews: s.linkPreviews ? "on" : "off",
    });
  });

  app.post("/admin/settings", async (req, reply) => {
    const form = formValues(req.body, KEYS);
    const body = (req.body ?? {}) as Record<string, unknown>;
    // The box sends "on" after the hidden "off" when ticked.
    if (body.linkPreviews !== undefined) form.linkPreviews = [body.linkPreviews].flat().includes("on") ? "on" : "off";
    // Fields the form did not send are left as they are.
    const input = Object.fromEntries(KEYS.filter((k) => body[k] !== undefined).map((k) => [k, form[k]]));
    const res = await updateSettings(ctx, req.actor, input);
    if (!res.ok) return render(ctx, req, reply, form, { form: "settings", values: form, failure: res });
    return done(reply, "admin:flash.settingsSaved", "/admin/settings");
  });
}
