import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../../domain/actor.js";
import { categoryAccess } from "../../domain/community/policy.js";
import { type CategorySummary, listCategories } from "../../domain/community/queries/listCategories.js";
import type { Ctx } from "../../domain/ctx.js";
import { canCreateTopic } from "../../domain/content/policy.js";
import { listRecentPosts } from "../../domain/content/queries/listRecentPosts.js";
import { listTopics } from "../../domain/content/queries/listTopics.js";
import type { TopicSort } from "../../domain/content/repo.js";
import { categoryType } from "../../domain/content/contentTypes.js";
import { QUESTION_STATUSES, type QuestionStatus, questionStatusWhere } from "../../domain/questions/repo.js";
import type { HomeView, TopicListView } from "../../render/theme.js";
import { sendPage, themeFor } from "../render.js";
import { sendErrorPage } from "./errorPage.js";
import { pageParam } from "../forms.js";

const SORTS: TopicSort[] = ["latest", "top", "unanswered"];
const pageOf = (req: FastifyRequest) => pageParam((req.query as Record<string, string>).page);

/** True when the actor may start a topic in at least one category (or in `categoryId`). */
export async function mayCreateTopic(ctx: Ctx, actor: Actor, categoryId?: number): Promise<boolean> {
  if (actor.kind !== "user") return false;
  const [index, groups] = await Promise.all([ctx.cache.categories(), ctx.cache.groups()]);
  const candidates = categoryId !== undefined ? index.list.filter((c) => c.id === categoryId) : index.list;
  return candidates.some((c) => canCreateTopic(actor, categoryAccess(actor, c, index, groups.builtin.everyone)));
}

function findSummary(list: CategorySummary[], id: number): CategorySummary | null {
  for (const c of list) {
    if (c.id === id) return c;
    const child = findSummary(c.children, id);
    if (child) return child;
  }
  return null;
}

/** All / solved / unsolved / no replies yet, for a category of questions. */
function questionFilters(req: FastifyRequest, path: string, sort: TopicSort, status: QuestionStatus | undefined): NonNullable<TopicListView["filters"]> {
  const sortPart = sort === "latest" ? "" : `sort=${sort}`;
  const href = (s?: QuestionStatus) => (s ? `${path}?${sortPart ? `${sortPart}&` : ""}status=${s}` : sortPart ? `${path}?${sortPart}` : path);
  return [
    { key: "all", label: req.t("questions:filter.all"), href: href(), current: !status && sort !== "unanswered" },
    { key: "solved", label: req.t("questions:filter.solved"), href: href("solved"), current: status === "solved" },
    { key: "unsolved", label: req.t("questions:filter.unsolved"), href: href("unsolved"), current: status === "unsolved" },
    { key: "unanswered", label: req.t("questions:filter.unanswered"), href: `${path}?sort=unanswered`, current: !status && sort === "unanswered" },
  ];
}

export function listPages(app: FastifyInstance, ctx: Ctx): void {
  app.get("/", async (req, reply) => {
    const cached = app.pageCache.serve(req, reply);
    if (cached) return cached;
    const needs = new Set(themeFor(req).homeNeeds);
    const page = pageOf(req);
    const [unanswered, latest, categories, feed, canCreate] = await Promise.all([
      needs.has("unanswered") ? listTopics(ctx, req.actor, { sort: "unanswered", perPage: 10 }) : undefined,
      needs.has("latest") ? listTopics(ctx, req.actor, { sort: "latest", perPage: 10 }) : undefined,
      needs.has("categories") ? listCategories(ctx, req.actor) : undefined,
      needs.has("feed") ? listRecentPosts(ctx, req.actor, { page }) : undefined,
      mayCreateTopic(ctx, req.actor),
    ]);
    const view: HomeView = { unanswered, latest, categories, feed, canCreateTopic: canCreate };
    const { HomePage } = themeFor(req).components;
    return sendPage(ctx, req, reply, () => <HomePage view={view} />, {
      title: "",
      seo: { canonical: "/", description: req.settings.description || undefined },
    });
  });

  for (const sort of SORTS) {
    app.get(`/${sort}`, async (req, reply) => {
      const cached = app.pageCache.serve(req, reply);
      if (cached) return cached;
      const page = pageOf(req);
      const [list, canCreate] = await Promise.all([listTopics(ctx, req.actor, { sort, page }), mayCreateTopic(ctx, req.actor)]);
      const view: TopicListView = {
        heading: req.t(`list.heading.${sort}`),
        category: null,
        tag: null,
        sort,
        sorts: SORTS.map((s) => ({ sort: s, href: `/${s}` })),
        base: `/${sort}`,
        list,
        canCreateTopic: canCreate,
        newTopicHref: "/new-topic",
        live: "latest",
      };
      const { TopicListPage } = themeFor(req).components;
      return sendPage(ctx, req, reply, () => <TopicListPage view={view} />, {
        title: view.heading,
        seo: { canonical: page > 1 ? `/${sort}?page=${page}` : `/${sort}` },
      });
    });
  }

  app.get("/categories", async (req, reply) => {
    const cached = app.pageCache.serve(req, reply);
    if (cached) return cached;
    const [categories, canCreate] = await Promise.all([listCategories(ctx, req.actor), mayCreateTopic(ctx, req.actor)]);
    const { CategoriesPage } = themeFor(req).components;
    return sendPage(ctx, req, reply, () => <CategoriesPage view={{ categories, canCreateTopic: canCreate }} />, {
      title: req.t("nav.categories"),
      seo: { canonical: "/categories" },
    });
  });

  app.get<{ Params: { slug: string }; Querystring: { sort?: string; status?: string } }>("/c/:slug", async (req, reply) => {
    const cached = app.pageCache.serve(req, reply);
    if (cached) return cached;
    const index = await ctx.cache.categories();
    const category = index.bySlug.get(req.params.slug.toLowerCase());
    const summaries = await listCategories(ctx, req.actor);
    const summary = category ? findSummary(summaries, category.id) : null;
    // A category the reader may not see is reported exactly like one that does not exist.
    if (!category || !summary) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "errors:categoryNotFound" });
    const sort = (SORTS as string[]).includes(req.query.sort ?? "") ? (req.query.sort as TopicSort) : "latest";
    const page = pageOf(req);
    const isQuestions = categoryType(category.contentType) === "question";
    const status = isQuestions ? QUESTION_STATUSES.find((s) => s === req.query.status) : undefined;
    const statusFilter = status ? { type: "question", where: questionStatusWhere(status) } : {};
    const [list, canCreate] = await Promise.all([
      listTopics(ctx, req.actor, { sort, categoryId: category.id, page, ...statusFilter }),
      mayCreateTopic(ctx, req.actor, category.id),
    ]);
    const path = `/c/${encodeURIComponent(category.slug)}`;
    const view: TopicListView = {
      heading: category.name,
      description: category.description,
      category: summary,
      tag: null,
      sort,
      sorts: SORTS.map((s) => ({ sort: s, href: s === "latest" ? path : `${path}?sort=${s}` })),
      base: status ? `${path}?${sort === "latest" ? "" : `sort=${sort}&`}status=${status}` : sort === "latest" ? path : `${path}?sort=${sort}`,
      filters: isQuestions ? questionFilters(req, path, sort, status) : undefined,
      list,
      canCreateTopic: canCreate,
      newTopicHref: `/new-topic?category=${category.id}`,
      live: `category:${category.id}`,
    };
    const { TopicListPage } = themeFor(req).components;
    return sendPage(ctx, req, reply, () => <TopicListPage view={view} />, {
      title: category.name,
      seo: { canonical: page > 1 ? `${view.base}${view.base.includes("?") ? "&" : "?"}page=${page}` : view.base, description: category.description || undefined },
    });
  });

  app.get<{ Params: { name: string } }>("/tags/:name", async (req, reply) => {
    const tag = req.params.name;
    const page = pageOf(req);
    const [list, canCreate] = await Promise.all([listTopics(ctx, req.actor, { sort: "latest", tag, page }), mayCreateTopic(ctx, req.actor)]);
    const path = `/tags/${encodeURIComponent(tag)}`;
    const view: TopicListView = {
      heading: `#${tag}`,
      category: null,
      tag,
      sort: "latest",
      sorts: [],
      base: path,
      list,
      canCreateTopic: canCreate,
      newTopicHref: "/new-topic",
      live: "latest",
    };
    const { TopicListPage } = themeFor(req).components;
    return sendPage(ctx, req, reply, () => <TopicListPage view={view} />, { title: view.heading, seo: { canonical: path } });
  });
}
