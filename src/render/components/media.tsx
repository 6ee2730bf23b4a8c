import { useUi } from "../ui.js";
import { Icon } from "./icons.js";

/**
 * "Attach images or files": a plain file input (the form sends the files with the post, the
 * server adds them to the text); with JavaScript files dropped on the form or chosen here are
 * uploaded at once and put into the text where the cursor is.
 */
export function AttachField({ error, id = "f-files" }: { error?: string; id?: string }) {
  const { t, site } = useUi();
  return (
    <div class={`field attach-field${error ? " has-error" : ""}`} data-attach>
      <label for={id} class="attach-label">
        <Icon name="file" size={16} /> {t("media:attach.label")}
      </label>
      <input type="file" id={id} name="files" multiple aria-invalid={error ? "true" : undefined} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`} />
      <p class="field-hint" id={`${id}-hint`}>
        {t("media:attach.hint", { types: site.uploadTypes.join(", "), max: site.uploadMaxMb })}
      </p>
      <p class="attach-status" role="status" aria-live="polite" data-attach-status data-uploading={t("media:attach.uploading")} data-done={t("media:attach.done")} />
      {error ? (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
