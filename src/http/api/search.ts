import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Ctx } from "../../domain/ctx.js";
import { MAX_QUERY_LENGTH, findCategoryId, searchPosts } from "../../domain/search/queries/searchPosts.js";
import type { SearchResult } from "../../domain/search/types.js";
import { sendApiError } from "../errors.js";
import { ErrorJson, UserJson, presentUser } from "./presenters.js";

/** One search result as the API returns it. */
export const SearchResultJson = z.object({
  topicId: z.number(),
  postId: z.number(),
  postNumber: z.number(),
  title: z.string(),
  snippet: z.string().describe("HTML: escaped text around the first match, matches wrapped in <mark>"),
  url: z.string().describe("path of the post: /t/:id/:slug[?page=N]#post-N"),
  category: z.object({ id: z.number(), slug: z.string(), name: z.string(), color: z.string() }),
  author: UserJson,
  createdAt: z.string(),
});

/** Whitelists the fields of one result. */
export const presentSearchResult = (r: SearchResult): z.infer<typeof SearchResultJson> => ({
  topicId: r.topicId,
  postId: r.postId,
  postNumber: r.postNumber,
  title: r.title,
  snippet: r.snippetHtml,
  url: r.url,
  category: { id: r.category.id, slug: r.category.slug, name: r.category.name, color: r.category.color },
  author: presentUser(r.author),
  createdAt: r.createdAt.toISOString(),
});

/** `GET /api/v1/search`: the same search as the /search page, as JSON. */
export function searchApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/search",
    {
      schema: {
        tags: ["search"],
        summary: "Search posts the caller may read",
        description:
          "Every word must match; Japanese is matched through bigrams, so 2-character words work. Quote a phrase with \"…\" or 「…」. " +
          "Results are ranked by relevance (title matches first) and recency, 20 per page; `total` is counted up to 1000 " +
          "(`totalCapped` is true when there are more).",
        querystring: z.object({
          q: z.string().max(MAX_QUERY_LENGTH).default("").describe("the words to find"),
          page: z.coerce.number().int().min(1).max(1000).default(1),
          category: z.string().optional().describe("category slug or id (its sub-categories are included)"),
          tag: z.string().optional(),
          user: z.string().optional().describe("only posts by this username"),
          in: z.enum(["all", "title"]).default("all").describe("title: topic titles only"),
        }),
        response: {
          200: z.object({ results: z.array(SearchResultJson), total: z.number(), totalCapped: z.boolean(), page: z.number(), hasMore: z.boolean() }),
          400: ErrorJson,
          404: ErrorJson,
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      let categoryId: number | undefined;
      if (q.category !== undefined && q.category !== "") {
        const id = findCategoryId(await ctx.cache.categories(), q.category);
        if (id === null) return sendApiError(req, reply, { ok: false, code: "not_found", messageKey: "errors:categoryNotFound" });
        categoryId = id;
      }
      const res = await searchPosts(ctx, req.actor, { q: q.q, page: q.page, categoryId, tag: q.tag, user: q.user, in: q.in });
      if (!res.ok) return sendApiError(req, reply, res);
      const v = res.value;
      return { results: v.results.map(presentSearchResult), total: v.total, totalCapped: v.totalCapped, page: v.page, hasMore: v.hasMore };
    },
  );
}
