import type { FastifyInstance, FastifyReply } from "fastify";
import { anonymous } from "../../domain/actor.js";
import { listCategories } from "../../domain/community/queries/listCategories.js";
import type { Ctx } from "../../domain/ctx.js";
import { excerpt } from "../../domain/content/markdown.js";
import { countPublicTopicPages, listPublicTopics } from "../../domain/content/queries/listPublicTopics.js";
import { listRecentPosts } from "../../domain/content/queries/listRecentPosts.js";
import { listTopics } from "../../domain/content/queries/listTopics.js";

/** Text for XML: the five special characters escaped, and characters XML 1.0 forbids dropped. */
export function xml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const sendXml = (reply: FastifyReply, type: string, body: string) =>
  reply.header("content-type", `${type}; charset=utf-8`).header("cache-control", "public, max-age=300").send(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);

/**
 * What search engines and feed readers get: robots.txt, a sitemap index with pages of public
 * topics, and Atom feeds of the latest topics (site-wide and per category). All of them show what
 * a visitor without an account sees, whoever fetches them, so no private content reaches a
 * crawler or a shared feed URL.
 */
export function seoPages(app: FastifyInstance, ctx: Ctx): void {
  const base = ctx.config.baseUrl;

  app.get("/robots.txt", async (_req, reply) => {
    const lines = [
      "User-agent: *",
      "Disallow: /admin",
      "Disallow: /search",
      "Disallow: /new-topic",
      "Disallow: /settings",
      "Disallow: /notifications",
      "Disallow: /live",
      "Disallow: /p/",
      "Disallow: /api/",
      `Sitemap: ${base}/sitemap.xml`,
      "",
    ];
    return reply.header("content-type", "text/plain; charset=utf-8").send(lines.join("\n"));
  });

  app.get("/sitemap.xml", async (_req, reply) => {
    const pages = await countPublicTopicPages(ctx);
    const entries = [`${base}/sitemap/pages.xml`, ...Array.from({ length: pages }, (_, i) => `${base}/sitemap/topics-${i + 1}.xml`)];
    return sendXml(
      reply,
      "application/xml",
      `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries.map((u) => `<sitemap><loc>${xml(u)}</loc></sitemap>`).join("")}</sitemapindex>`,
    );
  });

  app.get("/sitemap/pages.xml", async (_req, reply) => {
    const categories = await listCategories(ctx, anonymous);
    const urls = ["/", "/latest", "/categories", ...categories.flatMap((c) => [c, ...c.children]).map((c) => `/c/${encodeURIComponent(c.slug)}`)];
    return sendXml(reply, "application/xml", `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${xml(base + u)}</loc></url>`).join("")}</urlset>`);
  });

  app.get<{ Params: { n: string } }>("/sitemap/topics-:n.xml", async (req, reply) => {
    const n = Number(req.params.n);
    const topics = Number.isSafeInteger(n) && n > 0 ? await listPublicTopics(ctx, n) : [];
    if (topics.length === 0) return reply.status(404).header("content-type", "text/plain; charset=utf-8").send("not found");
    const body = topics.map((t) => `<url><loc>${xml(base + t.url)}</loc><lastmod>${t.lastPostedAt.toISOString()}</lastmod></url>`).join("");
    return sendXml(reply, "application/xml", `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${body}</urlset>`);
  });

  /** Atom feed of the newest topics, as a visitor sees them. */
  const feed = async (reply: FastifyReply, opts: { categoryId?: number; title: string; selfPath: string; htmlPath: string; locale: string }) => {
    const list = await listTopics(ctx, anonymous, { sort: "new", categoryId: opts.categoryId, perPage: 30 });
    const updated = list.topics.reduce((max, t) => (t.lastPostedAt > max ? t.lastPostedAt : max), new Date(0));
    const entries = list.topics.map((t) => {
      const url = base + t.url;
      return `<entry><id>${xml(url)}</id><title>${xml(t.title)}</title><link href="${xml(url)}"/><published>${t.createdAt.toISOString()}</published><updated>${t.lastPostedAt.toISOString()}</updated><author><name>${xml(t.author.name || t.author.username)}</name></author><category term="${xml(t.category.slug)}" label="${xml(t.category.name)}"/><summary>${xml(excerpt(t.excerpt, 300))}</summary></entry>`;
    });
    const body = `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${opts.locale}"><id>${xml(base + opts.selfPath)}</id><title>${xml(opts.title)}</title><link rel="self" href="${xml(base + opts.selfPath)}"/><link rel="alternate" type="text/html" href="${xml(base + opts.htmlPath)}"/><updated>${updated.toISOString()}</updated>${entries.join("")}</feed>`;
    return sendXml(reply, "application/atom+xml", body);
  };

  app.get("/latest.atom", async (req, reply) => feed(reply, { title: req.settings.name, selfPath: "/latest.atom", htmlPath: "/latest", locale: req.settings.defaultLocale }));

  app.get("/posts.atom", async (req, reply) => {
    const recent = await listRecentPosts(ctx, anonymous, { perPage: 30 });
    const updated = recent.items[0]?.createdAt ?? new Date(0);
    const entries = recent.items.map((p) => {
      const url = `${base}${p.topic.url}#post-${p.postNumber}`;
      return `<entry><id>${xml(`${base}/p/${p.postId}`)}</id><title>${xml(p.topic.title)}</title><link href="${xml(url)}"/><updated>${p.createdAt.toISOString()}</updated><author><name>${xml(p.author.name || p.author.username)}</name></author><content type="html">${xml(p.cooked)}</content></entry>`;
    });
    return sendXml(
      reply,
      "application/atom+xml",
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${req.settings.defaultLocale}"><id>${xml(`${base}/posts.atom`)}</id><title>${xml(req.settings.name)}</title><link rel="self" href="${xml(`${base}/posts.atom`)}"/><updated>${updated.toISOString()}</updated>${entries.join("")}</feed>`,
    );
  });

  app.get<{ Params: { slug: string } }>("/c/:slug.atom", async (req, reply) => {
    const index = await ctx.cache.categories();
    const category = index.bySlug.get(req.params.slug.toLowerCase());
    const visible = category ? (await listCategories(ctx, anonymous)).flatMap((c) => [c, ...c.children]).some((c) => c.id === category.id) : false;
    if (!category || !visible) return reply.status(404).header("content-type", "text/plain; charset=utf-8").send("not found");
    const path = `/c/${encodeURIComponent(category.slug)}`;
    return feed(reply, { categoryId: category.id, title: `${category.name} - ${req.settings.name}`, selfPath: `${path}.atom`, htmlPath: path, locale: req.settings.defaultLocale });
  });
}

