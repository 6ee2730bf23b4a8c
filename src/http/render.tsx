import fs from "node:fs";
import path from "node:path";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren, VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { isAdmin, isModerator, isStaff } from "../domain/actor.js";
import type { SlotUi } from "../plugins/hooks.js";
import { readableIds } from "../domain/community/access.js";
import type { Category } from "../domain/community/types.js";
import type { CategoryRef } from "../domain/content/types.js";
import type { Ctx } from "../domain/ctx.js";
import { countUnreadNotifications } from "../domain/notifications/queries/listNotifications.js";
import { rootDir } from "../lib/paths.js";
import { VerifyEmailBanner } from "../render/components/accounts.js";
import { formatter } from "../render/format.js";
import { type Seo, jsonLdText } from "../render/seo.js";
import { theme } from "../render/themes.js";
import type { ResolvedTheme } from "../render/theme.js";
import { type Ui, UiContext, type Viewer } from "../render/ui.js";
import { FLASH_COOKIE, SCHEME_COOKIE } from "./middleware/requestContext.js";

/** Hashed asset names written by scripts/build.mjs; plain names when running from source. */
const manifest: Record<string, string> = (() => {
  try {
    return JSON.parse(fs.readFileSync(path.join(rootDir, "dist", "manifest.json"), "utf8"));
  } catch {
    return {};
  }
})();
export const assetUrl = (name: string): string => manifest[name] ?? `/assets/${name}`;

async function viewerOf(ctx: Ctx, req: FastifyRequest): Promise<Viewer | null> {
  const a = req.actor;
  if (a.kind !== "user") return null;
  // Only notifications the reader may still open count (see listNotifications).
  const unread = await countUnreadNotifications(ctx, a);
  return {
    id: a.id,
    username: a.username,
    name: a.name,
    isAdmin: isAdmin(a),
    isModerator: isModerator(a),
    isStaff: isStaff(a),
    unreadNotifications: unread,
  };
}

/** The theme for this request: the member's choice, else the community's. */
export const themeFor = (req: FastifyRequest): ResolvedTheme =>
  theme((req.actor.kind === "user" && req.actor.theme) || req.settings.theme);

/** The categories the reader may see and their content types, for theme navigation: in-memory (cached index, memoised permissions). */
async function navCategories(ctx: Ctx, req: FastifyRequest): Promise<{ categories: CategoryRef[]; contentTypes: Set<string> }> {
  const [ids, index] = await Promise.all([readableIds(ctx, req.actor), ctx.cache.categories()]);
  const visible = new Set(ids);
  const contentTypes = new Set<string>();
  const ref = (c: Category): CategoryRef => {
    contentTypes.add(c.contentType);
    return { id: c.id, slug: c.slug, name: c.name, color: c.color, parentId: c.parentId };
  };
  const categories = index
    .roots()
    .filter((c) => visible.has(c.id))
    .flatMap((c) => [ref(c), ...index.children(c.id).filter((k) => visible.has(k.id)).map(ref)]);
  return { categories, contentTypes };
}

export async function uiFor(ctx: Ctx, req: FastifyRequest): Promise<Ui> {
  const scheme = req.cookies[SCHEME_COOKIE];
  const [viewer, { categories, contentTypes }] = await Promise.all([viewerOf(ctx, req), navCategories(ctx, req)]);
  const slotUi = { t: req.t as SlotUi["t"], locale: req.locale, viewer: viewer && { id: viewer.id, username: viewer.username } };
  return {
    t: req.t,
    locale: req.locale,
    site: req.settings,
    theme: themeFor(req).id,
    viewer,
    categories,
    contentTypes,
    scheme: scheme === "light" || scheme === "dark" ? scheme : "auto",
    csrf: req.csrfToken,
    path: req.url,
    fmt: formatter(req.locale),
    now: ctx.clock(),
    asset: assetUrl,
    hooks: { renderSlot: (name, props) => ctx.hooks.renderSlot(name, props, slotUi) },
  };
}

export interface PageOptions {
  title: string;
  status?: number;
  seo?: Seo;
  /** Class on <body>, for page-specific styles. */
  bodyClass?: string;
  /** Overrides `private, no-cache`, e.g. `no-store` for a page that shows a secret once. */
  cacheControl?: string;
}

/**
 * Renders a full HTML page: core head (title, SEO tags, assets) and the theme's shell around
 * `content`. Every user agent gets the same HTML.
 */
export async function sendPage(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, content: (ui: Ui) => VNode | ComponentChildren, opts: PageOptions): Promise<FastifyReply> {
  const ui = await uiFor(ctx, req);
  const th = themeFor(req);
  const flash = readFlash(req, reply);
  const { Shell } = th.components;
  const body = renderToString(
    <UiContext.Provider value={ui}>
      <Shell>
        {flash ? (
          <div class={`alert alert-${flash.kind} flash`} role="status">
            {req.t(flash.key)}
          </div>
        ) : null}
        {req.actor.kind === "user" && !req.actor.emailVerified ? <VerifyEmailBanner /> : null}
        {content(ui)}
      </Shell>
    </UiContext.Provider>,
  );
  const seo = opts.seo ?? {};
  const site = req.settings.name;
  const title = opts.title ? `${opts.title} - ${site}` : site;
  const canonical = seo.canonical ? ctx.config.baseUrl + seo.canonical : null;
  const scheme = req.cookies[SCHEME_COOKIE];
  const head = renderToString(
    <>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      {seo.description ? <meta name="description" content={seo.description} /> : null}
      {seo.noindex ? <meta name="robots" content="noindex" /> : null}
      {canonical ? <link rel="canonical" href={canonical} /> : null}
      <meta property="og:site_name" content={site} />
      <meta property="og:title" content={opts.title || site} />
      <meta property="og:type" content={seo.ogType ?? "website"} />
      {canonical ? <meta property="og:url" content={canonical} /> : null}
      {seo.description ? <meta property="og:description" content={seo.description} /> : null}
      <meta property="og:locale" content={req.locale === "ja" ? "ja_JP" : "en_US"} />
      <meta name="twitter:card" content="summary" />
      <meta name="csrf-token" content={req.csrfToken} />
      <link rel="alternate" type="application/atom+xml" title={site} href="/latest.atom" />
      <meta name="color-scheme" content="light dark" />
      <link rel="stylesheet" href={assetUrl(th.stylesheet)} />
      <script src={assetUrl("app.js")} defer />
    </>,
  );
  const jsonLd = seo.jsonLd ? `<script type="application/ld+json">${jsonLdText(seo.jsonLd)}</script>` : "";
  const schemeAttr = scheme === "dark" || scheme === "light" ? ` data-scheme="${scheme}"` : "";
  const html = `<!doctype html><html lang="${req.locale}" data-theme="${th.id}"${schemeAttr}><head>${head}${jsonLd}</head><body class="${opts.bodyClass ?? ""}">${body}</body></html>`;
  return reply
    .status(opts.status ?? 200)
    .header("content-type", "text/html; charset=utf-8")
    .header("vary", "Accept-Language, Cookie")
    .header("cache-control", opts.cacheControl ?? "private, no-cache")
    .send(html);
}

/** A one-shot message shown on the next page (after a redirect). */
export function setFlash(reply: FastifyReply, key: string, kind: "success" | "info" | "error" = "success"): void {
  reply.setCookie(FLASH_COOKIE, `${kind}:${key}`, { path: "/", httpOnly: true, sameSite: "lax", maxAge: 60 });
}

function readFlash(req: FastifyRequest, reply: FastifyReply): { kind: string; key: string } | null {
  const raw = req.cookies[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, { path: "/" });
  const [kind, key] = raw.split(":", 2).length === 2 ? [raw.slice(0, raw.indexOf(":")), raw.slice(raw.indexOf(":") + 1)] : ["info", raw];
  // Only our own message keys are shown; a forged cookie cannot inject text.
  if (!/^[\w.:]+$/.test(key) || !["success", "info", "error"].includes(kind)) return null;
  return { kind, key };
}

/** Redirects after a successful form post (POST → redirect → GET). Only local paths are followed. */
export function redirectLocal(reply: FastifyReply, to: string | undefined, fallback = "/"): FastifyReply {
  const target = to && to.startsWith("/") && !to.startsWith("//") && !to.startsWith("/\\") ? to : fallback;
  return reply.redirect(target, 303);
}
