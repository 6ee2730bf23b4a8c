import { THEMES } from "../../domain/community/types.js";
import { useUi } from "../ui.js";
import { Csrf, Field, FormError } from "./common.js";

export type SettingsSection = "profile" | "preferences" | "email" | "password";

/** The settings page's view model: the account as stored, and what a rejected form had in it. */
export interface SettingsViewModel {
  username: string;
  email: string;
  emailVerified: boolean;
  sessionCount: number;
  profile: { name: string; bio: string };
  preferences: { locale: string; theme: string };
  newEmail: string;
  /** The form that was rejected, with its translated messages. */
  failed?: { section: SettingsSection; message: string; fields: Record<string, string> };
}

/** `/settings`: one small form per concern, each posting to its own address. */
export function SettingsView({ view }: { view: SettingsViewModel }) {
  const { t, site } = useUi();
  const f = (section: SettingsSection) => (view.failed?.section === section ? view.failed : undefined);
  const errors = (section: SettingsSection) => f(section)?.fields ?? {};
  const submit = (label: string) => (
    <div class="form-actions">
      <button type="submit" class="button button-primary">
        {label}
      </button>
    </div>
  );
  return (
    <section class="form-page settings-page">
      <h1>{t("accounts:settings.title")}</h1>
      <p class="page-lead">
        {t("accounts:settings.lead")} <a href={`/u/${encodeURIComponent(view.username)}`}>{t("accounts:settings.viewProfile")}</a>
      </p>

      <form method="post" action="/settings/profile#profile" class="stacked-form" id="profile">
        <Csrf />
        <fieldset>
          <legend>{t("accounts:settings.profile")}</legend>
          <FormError message={f("profile")?.message} />
          <Field name="name" label={t("accounts:settings.displayName")} value={view.profile.name} error={errors("profile").name} maxLength={60} autocomplete="name" hint={t("accounts:settings.displayNameHint")} />
          <Field name="bio" label={t("accounts:settings.bio")} value={view.profile.bio} error={errors("profile").bio} multiline rows={5} maxLength={2000} hint={t("accounts:settings.bioHint")} />
          {submit(t("accounts:settings.saveProfile"))}
        </fieldset>
      </form>

      <form method="post" action="/settings/preferences#preferences" class="stacked-form" id="preferences">
        <Csrf />
        <fieldset>
          <legend>{t("accounts:settings.preferences")}</legend>
          <FormError message={f("preferences")?.message} />
          <Field name="locale" label={t("accounts:settings.language")} error={errors("preferences").locale}>
            <select id="f-locale" name="locale">
              <option value="" selected={view.preferences.locale === ""}>{t("accounts:settings.languageBrowser")}</option>
              <option value="ja" lang="ja" selected={view.preferences.locale === "ja"}>日本語</option>
              <option value="en" lang="en" selected={view.preferences.locale === "en"}>English</option>
            </select>
          </Field>
          <Field name="theme" label={t("accounts:settings.theme")} error={errors("preferences").theme} hint={t("accounts:settings.themeHint")}>
            <select id="f-theme" name="theme" aria-describedby="f-theme-hint">
              <option value="" selected={view.preferences.theme === ""}>
                {t("accounts:settings.themeDefault", { theme: t(`accounts:settings.themes.${site.theme}`) })}
              </option>
              {THEMES.map((id) => (
                <option key={id} value={id} selected={view.preferences.theme === id}>
                  {t(`accounts:settings.themes.${id}`)}
                </option>
              ))}
            </select>
          </Field>
          {submit(t("accounts:settings.savePreferences"))}
        </fieldset>
      </form>

      <form method="post" action="/settings/email#email" class="stacked-form" id="email">
        <Csrf />
        <fieldset>
          <legend>{t("accounts:settings.email")}</legend>
          <FormError message={f("email")?.message} />
          <p class="settings-current">
            {t("accounts:settings.currentEmail", { email: view.email })}{" "}
            <span class={`badge ${view.emailVerified ? "badge-verified" : "badge-unverified"}`}>
              {view.emailVerified ? t("accounts:settings.verified") : t("accounts:settings.unverified")}
            </span>
          </p>
          <Field name="email" label={t("accounts:settings.newEmail")} type="email" value={view.newEmail} error={errors("email").email} required maxLength={254} autocomplete="email" hint={t("accounts:settings.newEmailHint")} />
          <Field name="password" label={t("accounts:settings.currentPassword")} type="password" error={errors("email").password} required autocomplete="current-password" />
          {submit(t("accounts:settings.changeEmail"))}
        </fieldset>
      </form>

      <form method="post" action="/settings/password#password" class="stacked-form" id="password">
        <Csrf />
        <fieldset>
          <legend>{t("accounts:settings.password")}</legend>
          <FormError message={f("password")?.message} />
          <input type="text" name="username" value={view.username} autocomplete="username" hidden readonly />
          <Field name="currentPassword" label={t("accounts:settings.currentPassword")} type="password" error={errors("password").currentPassword} required autocomplete="current-password" />
          <Field name="newPassword" label={t("accounts:settings.newPassword")} type="password" error={errors("password").newPassword} required minLength={8} autocomplete="new-password" hint={t("accounts:passwordHint")} />
          {submit(t("accounts:settings.changePassword"))}
        </fieldset>
      </form>

      <form method="post" action="/settings/sessions" class="stacked-form" id="sessions" data-confirm={t("accounts:settings.logoutEverywhereConfirm")}>
        <Csrf />
        <fieldset>
          <legend>{t("accounts:settings.sessions")}</legend>
          <p>{t("accounts:settings.sessionCount", { count: view.sessionCount })}</p>
          <div class="form-actions">
            <button type="submit" class="button button-danger">
              {t("accounts:settings.logoutEverywhere")}
            </button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
