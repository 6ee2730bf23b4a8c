import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { canWrite } from "../../domain/community/policy.js";
import { categoryType } from "../../domain/content/contentTypes.js";
import { findTopic } from "../../domain/content/repo.js";
import { topicUrl } from "../../domain/content/types.js";
import type { Ctx } from "../../domain/ctx.js";
import { setIdeaStatus } from "../../domain/ideas/commands/setIdeaStatus.js";
import { voteForIdea, withdrawIdeaVote } from "../../domain/ideas/commands/vote.js";
import { IDEA_STATUSES, type IdeaStatus } from "../../domain/ideas/policy.js";
import { IDEA_SORTS, type IdeaSort, getRoadmap, listIdeas } from "../../domain/ideas/queries/ideaBoard.js";
import type { Failure } from "../../lib/result.js";
import { IdeaBoardPage, type IdeaBoardView, RoadmapPage } from "../../render/components/ideas.js";
import { IdeaStatusForm } from "../../render/components/types/idea.js";
import { STATUS, failureMessage, translateField } from "../errors.js";
import { redirectLocal, sendPage, setFlash } from "../render.js";
import { sendErrorPage } from "./errorPage.js";
import { mayCreateTopic } from "./lists.js";
import { toId, pageParam } from "../forms.js";


/** Vote, withdraw and set the status (forms; POST → redirect → GET), the ideas board and the roadmap. */
export function ideaPages(app: FastifyInstance, ctx: Ctx): void {
  const afterVote = async (req: FastifyRequest<{ Params: { id: string }; Body: Record<string, string> }>, reply: FastifyReply, vote: boolean) => {
    const topicId = toId(req.params.id);
    const res = topicId ? await (vote ? voteForIdea : withdrawIdeaVote)(ctx, req.actor, { topicId }) : null;
    const topic = topicId ? await findTopic(ctx.db, topicId) : null;
    const back = req.body?.next || (topic ? topicUrl(topic) : "/ideas");
    if (res?.ok) {
      setFlash(reply, vote ? "ideas:flash.voted" : "ideas:flash.withdrawn");
      return redirectLocal(reply, back);
    }
    // Refusals a voter can act on go back to where they were, with the reason.
    if (res && (res.code === "conflict" || res.code === "invalid" || res.code === "forbidden") && res.messageKey) {
      setFlash(reply, res.messageKey, "error");
      return redirectLocal(reply, back);
    }
    if (res?.code === "unauthenticated") return reply.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
    return sendErrorPage(ctx, req, reply, res ?? { ok: false, code: "not_found", messageKey: "errors:topicNotFound" });
  };
  app.post<{ Params: { id: string }; Body: Record<string, string> }>("/t/:id/vote", (req, reply) => afterVote(req, reply, true));
  app.post<{ Params: { id: string }; Body: Record<string, string> }>("/t/:id/unvote", (req, reply) => afterVote(req, reply, false));

  const statusPage = async (req: FastifyRequest, reply: FastifyReply, topicId: number, form: { status: string; response: string }, failure?: Failure) => {
    const topic = await findTopic(ctx.db, topicId);
    if (!topic) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "errors:topicNotFound" });
    const fieldError = failure?.fields?.response ? translateField(req.t, failure.fields.response) : undefined;
    return sendPage(
      ctx,
      req,
      reply,
      () => (
        <section class="idea-status-page">
          <p>
            <a href={topicUrl(topic)}>← {topic.title}</a>
          </p>
          <h1>{req.t("ideas:form.summary")}</h1>
          <IdeaStatusForm topicId={topicId} status={form.status} response={form.response} error={failure ? failureMessage(req.t, failure) : undefined} fieldError={fieldError} open />
        </section>
      ),
      { title: req.t("ideas:form.summary"), status: failure ? STATUS[failure.code] : 200, seo: { noindex: true } },
    );
  };

  app.post<{ Params: { id: string }; Body: Record<string, string> }>("/t/:id/idea-status", async (req, reply) => {
    const topicId = toId(req.params.id);
    if (!topicId) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "errors:topicNotFound" });
    const form = { status: String(req.body?.status ?? ""), response: String(req.body?.response ?? "") };
    const res = await setIdeaStatus(ctx, req.actor, { topicId, ...form });
    if (res.ok) {
      const topic = await findTopic(ctx.db, topicId);
      setFlash(reply, "ideas:flash.statusSet");
      return redirectLocal(reply, topic ? topicUrl(topic) : "/ideas");
    }
    // Not found and not allowed stay plain error pages; the rest keep what staff typed.
    if (res.code === "not_found" || res.code === "unauthenticated" || res.code === "forbidden") return sendErrorPage(ctx, req, reply, res);
    return statusPage(req, reply, topicId, form, res);
  });

  app.get<{ Querystring: { sort?: string; status?: string; category?: string; page?: string } }>("/ideas", async (req, reply) => {
    const cached = app.pageCache.serve(req, reply);
    if (cached) return cached;
    const index = await ctx.cache.categories();
    const categorySlug = req.query.category;
    const category = categorySlug ? index.list.find((c) => c.slug === categorySlug && categoryType(c.contentType) === "idea") : undefined;
    if (categorySlug && !category) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "errors:categoryNotFound" });
    const sort: IdeaSort = (IDEA_SORTS as readonly string[]).includes(req.query.sort ?? "") ? (req.query.sort as IdeaSort) : "votes";
    const status = IDEA_STATUSES.find((s) => s === req.query.status) ?? null;
    const href = (p: { sort?: IdeaSort; status?: IdeaStatus | null }) => {
      const q = new URLSearchParams();
      if (category) q.set("category", category.slug);
      const s = p.sort ?? sort;
      if (s !== "votes") q.set("sort", s);
      const st = p.status === undefined ? status : p.status;
      if (st) q.set("status", st);
      const text = q.toString();
      return text ? `/ideas?${text}` : "/ideas";
    };
    const ideaCategory = category ?? index.list.find((c) => categoryType(c.contentType) === "idea");
    const [list, canCreate] = await Promise.all([
      listIdeas(ctx, req.actor, { sort, status: status ?? undefined, categoryId: category?.id, page: pageParam(req.query.page) }),
      ideaCategory ? mayCreateTopic(ctx, req.actor, ideaCategory.id) : false,
    ]);
    const view: IdeaBoardView = {
      sort,
      status,
      sorts: IDEA_SORTS.map((s) => ({ sort: s, href: href({ sort: s }) })),
      statuses: [null, ...IDEA_STATUSES].map((s) => ({ status: s, href: href({ status: s }) })),
      base: href({}),
      list,
      newIdeaHref: canCreate && ideaCategory ? `/new-topic?category=${ideaCategory.id}` : null,
      canVote: canWrite(req.actor),
    };
    const title = category ? `${req.t("ideas:board.title")}: ${category.name}` : req.t("ideas:board.title");
    return sendPage(ctx, req, reply, () => <IdeaBoardPage view={view} />, { title, seo: { description: req.t("ideas:board.lead"), noindex: status !== null || list.page > 1 } });
  });

  app.get("/roadmap", async (req, reply) => {
    const cached = app.pageCache.serve(req, reply);
    if (cached) return cached;
    const columns = await getRoadmap(ctx, req.actor);
    return sendPage(ctx, req, reply, () => <RoadmapPage columns={columns} />, { title: req.t("ideas:roadmap.title"), seo: { description: req.t("ideas:roadmap.lead") } });
  });
}
