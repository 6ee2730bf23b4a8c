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

/** A new event's time zone starts as the browser's own (the server guessed from the language). */
function browserTimeZone(): void {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const select of document.querySelectorAll<HTMLSelectElement>('select[data-default-zone="browser"]')) {
    if (zone && [...select.options].some((o) => o.value === zone)) select.value = zone;
  }
}

/**
 * An event planned in another zone also shows in the reader's own ("Your time: …"); the page
 * itself gives the event's zone, which is right for everyone without JavaScript.
 */
function localEventTimes(): void {
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const el of document.querySelectorAll<HTMLTimeElement>("time.event-when[data-zone]")) {
    const start = new Date(el.dateTime);
    const end = new Date(el.dataset.ends ?? "");
    if (!here || el.dataset.zone === here || Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) continue;
    const f = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
    const line = document.createElement("span");
    line.className = "field-hint event-local-time";
    line.textContent = (el.dataset.localLabel ?? "{{time}}").replace("{{time}}", f.formatRange(start, end));
    (el.parentElement?.querySelector(".event-zone") ?? el).insertAdjacentElement("afterend", line);
  }
}

/** Starts the content enhancements. */
export function enhanceContent(): void {
  browserTimeZone();
  localEventTimes();
  cancelReplyTo();
  markReadOnOpen();
}
