import type { FastifyInstance } from "fastify";
import type { Actor } from "../../domain/actor.js";
import { readableIds } from "../../domain/community/access.js";
import type { Ctx } from "../../domain/ctx.js";
import { findCategoryId, searchPosts } from "../../domain/search/queries/searchPosts.js";
import type { SearchResults } from "../../domain/search/types.js";
import { type Result, err } from "../../lib/result.js";
import { type SearchView, SearchPage } from "../../render/components/search.js";
import { failureMessage, translateField } from "../errors.js";
import { sendPage } from "../render.js";
import { mayCreateTopic } from "./lists.js";

type Query = { q?: string | string[]; category?: string; in?: string; page?: string };

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

/** Categories the actor may search in, each top-level one followed by its sub-categories. */
async function searchableCategories(ctx: Ctx, actor: Actor): Promise<SearchView["categories"]> {
  const [readable, index] = await Promise.all([readableIds(ctx, actor), ctx.cache.categories()]);
  const ok = new Set(readable);
  const out: SearchView["categories"] = [];
  for (const root of index.roots()) {
    if (!ok.has(root.id)) continue;
    out.push({ id: root.id, name: root.name, child: false });
    for (const c of index.children(root.id)) if (ok.has(c.id)) out.push({ id: c.id, name: c.name, child: true });
  }
  return out;
}

/** `/search?q=`: the search form, results with highlighted snippets, filters and pages. Never indexed. */
export function searchPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Querystring: Query }>("/search", async (req, reply) => {
    const q = first(req.query.q);
    const titlesOnly = req.query.in === "title";
    const pageNumber = Number(req.query.page);
    const page = Number.isInteger(pageNumber) && pageNumber > 0 ? Math.min(pageNumber, 1000) : 1;
    const [categories, canCreate, index] = await Promise.all([searchableCategories(ctx, req.actor), mayCreateTopic(ctx, req.actor), ctx.cache.categories()]);
    const categoryRef = (req.query.category ?? "").trim();
    const categoryId = categoryRef ? findCategoryId(index, categoryRef) : null;

    const params = new URLSearchParams({ q });
    if (categoryId !== null) params.set("category", String(categoryId));
    if (titlesOnly) params.set("in", "title");
    const view: SearchView = {
      q,
      categoryId,
      titlesOnly,
      categories,
      results: null,
      base: `/search?${params}`,
      unfilteredHref: categoryId !== null || titlesOnly ? `/search?${new URLSearchParams({ q })}` : null,
      canCreateTopic: canCreate,
    };
    let status = 200;
    if (q.trim() !== "") {
      const res: Result<SearchResults> =
        categoryRef && categoryId === null
          ? err("not_found", "errors:categoryNotFound")
          : await searchPosts(ctx, req.actor, { q, page, categoryId: categoryId ?? undefined, in: titlesOnly ? "title" : "all" });
      if (res.ok) view.results = res.value;
      else {
        view.error = res.fields?.q ? translateField(req.t, res.fields.q) : failureMessage(req.t, res);
        status = res.code === "not_found" ? 404 : 200;
      }
    }
    return sendPage(ctx, req, reply, () => <SearchPage view={view} />, {
      title: q.trim() ? req.t("search:titleWithQuery", { q: q.trim() }) : req.t("search:title"),
      status,
      seo: { noindex: true },
      bodyClass: "page-search",
    });
  });
}
