import { useUi } from "../ui.js";
import { Csrf } from "./common.js";

/**
 * Shown on every page to a signed-in member whose address is not confirmed yet (they can read but
 * not post): a reminder and a one-click "send the link again". Core renders it, so every theme has it.
 */
export function VerifyEmailBanner() {
  const { t, path } = useUi();
  // The confirmation page says all of this itself.
  if (path.startsWith("/verify-email")) return null;
  return (
    <div class="alert alert-info verify-banner" role="status">
      <span>{t("accounts:banner.text")}</span>{" "}
      <form method="post" action="/verify-email/resend" class="inline-form">
        <Csrf />
        <input type="hidden" name="next" value={path} />
        <button type="submit" class="link-button">
          {t("accounts:banner.resend")}
        </button>
      </form>
    </div>
  );
}
