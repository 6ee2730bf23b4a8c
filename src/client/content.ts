// Enhancements for the content pages; each works without JavaScript too.

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? "";
}

/** "Cancel" next to "Replying to @x" drops the reply target in place, keeping the typed text. */
function cancelReplyTo(): void {
  document.addEventListener("click", (e) => {
    const link = (e.target as HTMLElement | null)?.closest<HTMLAnchorElement>("[data-cancel-reply-to]");
    if (!link) return;
    const box = link.closest<HTMLElement>("[data-reply-to]");
    if (!box) return;
    e.preventDefault();
    const textarea = box.closest("form")?.querySelector<HTMLTextAreaElement>("textarea");
    box.remove();
    textarea?.focus();
  });
}

/** Opening a notification marks it read (without JavaScript, its "Mark as read" button does). */
function markReadOnOpen(): void {
  document.addEventListener("click", (e) => {
    const link = (e.target as HTMLElement | null)?.closest<HTMLAnchorElement>("a[data-mark-read]");
    const id = Number(link?.getAttribute("data-mark-read"));
    if (!link || !Number.isInteger(id) || id <= 0) return;
    void fetch("/api/v1/notifications/read", {
      method: "POST",
      credentials: "same-origin",
      keepalive: true,
      headers: { "content-type": "application/json", "x-csrf-token": csrfToken() },
      body: JSON.stringify({ ids: [id] }),
    }).catch(() => undefined);
  });
}

/** Starts the content enhancements. */
export function enhanceContent(): void {
  cancelReplyTo();
  markReadOnOpen();
}
