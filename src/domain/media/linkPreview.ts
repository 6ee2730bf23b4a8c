import dns from "node:dns/promises";
import net from "node:net";

export interface FetchedPreview {
  status: "ok" | "failed" | "blocked";
  title: string;
  description: string;
  siteName: string;
}

export interface PreviewLimits {
  /** Whether private, loopback and link-local addresses may be fetched. */
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const PREVIEW_LIMITS: Omit<PreviewLimits, "allowPrivate"> = { timeoutMs: 5000, maxBytes: 512 * 1024, maxRedirects: 3 };

/** Loopback, private, link-local, carrier-grade NAT, multicast and reserved ranges (v4 and v6). */
export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) {
    const [a, b] = ip.split(".").map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
  }
  const v6 = ip.toLowerCase();
  if (v6.startsWith("::ffff:")) return isPrivateAddress(v6.slice(7));
  return v6 === "::" || v6 === "::1" || v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe80") || v6.startsWith("ff");
}

async function hostAllowed(host: string, allowPrivate: boolean): Promise<boolean> {
  if (allowPrivate) return true;
  const bare = host.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(bare) ? [bare] : (await dns.lookup(bare, { all: true })).map((a) => a.address);
  return addresses.length > 0 && addresses.every((a) => !isPrivateAddress(a));
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", nbsp: " " };
const decode = (s: string) =>
  s
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, " ")
    .trim();

/** The page's own title, description and site name from its `<head>` (Open Graph first). */
export function readHead(html: string): Omit<FetchedPreview, "status"> {
  const head = html.slice(0, html.search(/<\/head>/i) >= 0 ? html.search(/<\/head>/i) : html.length);
  const metas = new Map<string, string>();
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const key = /\b(?:property|name)\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1]?.toLowerCase();
    const content = /\bcontent\s*=\s*"([^"]*)"|\bcontent\s*=\s*'([^']*)'/i.exec(tag);
    if (key && content && !metas.has(key)) metas.set(key, decode(content[1] ?? content[2] ?? ""));
  }
  const title = metas.get("og:title") || decode(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(head)?.[1] ?? "");
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  return { title: cut(title, 200), description: cut(metas.get("og:description") || metas.get("description") || "", 300), siteName: cut(metas.get("og:site_name") || "", 80) };
}

/**
 * Fetches what a page says about itself, within limits: http(s) only, no private addresses
 * (unless allowed), a few redirects each checked again, a time limit, HTML only and at most
 * `maxBytes` read. Never throws: a page that cannot be previewed is `failed` or `blocked`.
 */
export async function fetchPreview(url: string, limits: PreviewLimits): Promise<FetchedPreview> {
  const empty = { title: "", description: "", siteName: "" };
  let current = url;
  try {
    const signal = AbortSignal.timeout(limits.timeoutMs);
    for (let hop = 0; hop <= limits.maxRedirects; hop++) {
      const u = new URL(current);
      if (u.protocol !== "http:" && u.protocol !== "https:") return { status: "blocked", ...empty };
      if (!(await hostAllowed(u.hostname, limits.allowPrivate))) return { status: "blocked", ...empty };
      const res = await fetch(u, { redirect: "manual", signal, headers: { accept: "text/html,application/xhtml+xml", "user-agent": "HirobaLinkPreview/1.0" } });
      if (res.status >= 300 && res.status < 400 && res.headers.get("location")) {
        await res.body?.cancel();
        current = new URL(res.headers.get("location")!, u).toString();
        continue;
      }
      if (!res.ok || !/text\/html|application\/xhtml\+xml/i.test(res.headers.get("content-type") ?? "") || !res.body) {
        await res.body?.cancel();
        return { status: "failed", ...empty };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const reader = res.body.getReader();
      while (size < limits.maxBytes) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(Buffer.from(value));
        size += value.length;
      }
      await reader.cancel().catch(() => undefined);
      const head = readHead(Buffer.concat(chunks).subarray(0, limits.maxBytes).toString("utf8"));
      return head.title ? { status: "ok", ...head } : { status: "failed", ...empty };
    }
    return { status: "failed", ...empty };
  } catch {
    return { status: "failed", ...empty };
  }
}
