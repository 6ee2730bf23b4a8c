// Uploads while writing (drop files on a composer, or choose them) and click-to-load videos.
// Without this file the composer's file input sends the files with the post, and a video is a
// link to its page.

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? "";
}

/** Puts text into a textarea at the cursor, on a line of its own. */
function insertAtCursor(area: HTMLTextAreaElement, text: string): void {
  const start = area.selectionStart ?? area.value.length;
  const end = area.selectionEnd ?? start;
  const before = area.value.slice(0, start);
  const after = area.value.slice(end);
  const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  const trail = after.startsWith("\n") ? "" : "\n";
  area.value = `${before}${lead}${text}${trail}${after}`;
  const caret = (before + lead + text + trail).length;
  area.setSelectionRange(caret, caret);
  area.dispatchEvent(new Event("input", { bubbles: true }));
}

async function upload(form: HTMLFormElement, files: File[]): Promise<void> {
  const area = form.querySelector<HTMLTextAreaElement>('textarea[name="body"]');
  const status = form.querySelector<HTMLElement>("[data-attach-status]");
  if (!area) return;
  for (const file of files) {
    if (status) {
      status.classList.remove("is-error");
      status.textContent = (status.dataset.uploading ?? "{{name}}").replace("{{name}}", file.name);
    }
    const body = new FormData();
    body.append("file", file, file.name);
    try {
      const res = await fetch("/api/v1/uploads", { method: "POST", body, headers: { "x-csrf-token": csrfToken(), accept: "application/json" }, credentials: "same-origin" });
      const json = (await res.json()) as { markdown?: string; error?: { message?: string } };
      if (!res.ok || !json.markdown) throw new Error(json.error?.message ?? res.statusText);
      insertAtCursor(area, json.markdown);
      if (status) status.textContent = (status.dataset.done ?? "{{name}}").replace("{{name}}", file.name);
    } catch (e) {
      // The text stays as it is; the message says why this file was not added.
      if (status) {
        status.classList.add("is-error");
        status.textContent = (e as Error).message;
      }
      return;
    }
  }
}

function enhanceComposers(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-composer]")) {
    const input = form.querySelector<HTMLInputElement>('input[type="file"][name="files"]');
    if (!input) continue;
    input.addEventListener("change", () => {
      const files = Array.from(input.files ?? []);
      // Uploaded now and put in the text, so the form does not send them again.
      input.value = "";
      void upload(form, files);
    });
    form.addEventListener("dragover", (e) => {
      if (!e.dataTransfer?.types.includes("Files")) return;
      e.preventDefault();
      form.classList.add("is-dropping");
    });
    form.addEventListener("dragleave", (e) => {
      if (e.target === form || !form.contains(e.relatedTarget as Node | null)) form.classList.remove("is-dropping");
    });
    form.addEventListener("drop", (e) => {
      const files = Array.from(e.dataTransfer?.files ?? []);
      form.classList.remove("is-dropping");
      if (files.length === 0) return;
      e.preventDefault();
      void upload(form, files);
    });
  }
}

/** A click on a video's placeholder loads the privacy-enhanced player in its place. */
function enhanceVideos(): void {
  document.addEventListener("click", (e) => {
    const link = (e.target as HTMLElement | null)?.closest<HTMLAnchorElement>(".video-embed a.video-link");
    const box = link?.closest<HTMLElement>(".video-embed");
    if (!link || !box || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const id = box.dataset.videoId ?? "";
    const src =
      box.dataset.provider === "youtube" && /^[\w-]{11}$/.test(id)
        ? `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`
        : box.dataset.provider === "vimeo" && /^\d+$/.test(id)
          ? `https://player.vimeo.com/video/${id}?dnt=1&autoplay=1`
          : null;
    if (!src) return;
    e.preventDefault();
    const frame = document.createElement("iframe");
    frame.src = src;
    frame.title = link.textContent ?? "";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    box.replaceChildren(frame);
    box.classList.add("is-playing");
  });
}

export function enhanceMedia(): void {
  enhanceComposers();
  enhanceVideos();
}
