// Live updates over server-sent events (see src/http/pages/live.ts).

interface PostEvent {
  topicId: number;
  postId: number;
  postNumber: number;
}

/** Opens one event stream for the page's live channel, if it has one. */
export function connectLive(): void {
  const el = document.querySelector<HTMLElement>("[data-live]");
  if (!el || typeof EventSource === "undefined") return;
  const channel = el.getAttribute("data-live")!;
  const source = new EventSource(`/live?channels=${encodeURIComponent(channel)}`);
  const posts = el.querySelector<HTMLElement>("[data-posts]");
  const status = el.querySelector<HTMLElement>("[data-live-status]");
  const banner = el.querySelector<HTMLElement>("[data-live-banner]");
  let fresh = 0;

  source.addEventListener("post", async (e) => {
    const data = JSON.parse((e as MessageEvent).data) as PostEvent;
    if (!posts || document.getElementById(`post-${data.postNumber}`)) return;
    const res = await fetch(`/p/${data.postId}/fragment`, { credentials: "same-origin" });
    if (!res.ok) return;
    const html = await res.text();
    if (document.getElementById(`post-${data.postNumber}`)) return;
    const tpl = document.createElement("template");
    tpl.innerHTML = html.trim();
    const node = tpl.content.firstElementChild;
    if (!node) return;
    node.classList.add("is-new");
    // Keep posts in number order even if two arrive out of order.
    const after = Array.from(posts.querySelectorAll<HTMLElement>("article.post")).find(
      (p) => Number(p.id.replace("post-", "")) > data.postNumber,
    );
    posts.insertBefore(node, after ?? null);
    if (status) status.textContent = status.getAttribute("data-msg") ?? "";
  });

  source.addEventListener("activity", () => {
    if (!banner) return;
    fresh++;
    banner.hidden = false;
    const link = banner.querySelector("a");
    if (link) {
      link.setAttribute("href", window.location.pathname + window.location.search);
      const template = banner.getAttribute("data-template");
      if (template) link.textContent = template.replace("{count}", String(fresh));
    }
  });
}
