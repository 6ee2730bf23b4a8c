import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { renderToString } from "preact-render-to-string";
import type { Ctx } from "../../domain/ctx.js";
import { createPost } from "../../domain/content/commands/createPost.js";
import { excerpt } from "../../domain/content/markdown.js";
import { type TopicPage, getTopicPage } from "../../domain/content/queries/getTopicPage.js";
import { findPostView, plainExcerpt } from "../../domain/content/repo.js";
import { type ReplyTarget, postUrl } from "../../domain/content/types.js";
import { canSeeCategory } from "../../domain/community/policy.js";
import { recordTopicView } from "../../domain/content/viewCounter.js";
import type { ComposerState, TopicModerationView } from "../../render/theme.js";
import { UiContext } from "../../render/ui.js";
import { failureMessage, translateField, translateFields } from "../errors.js";
import { formValues, nestFields, toId } from "../forms.js";
import { redirectLocal, sendPage, setFlash, themeFor, uiFor } from "../render.js";
import { sendErrorPage } from "./errorPage.js";
import { attachFormFiles } from "../attachments.js";

type Query = { page?: string; quote?: string; replyTo?: string };


/** The text a "Quote" button puts in the reply box: a quote block our Markdown renders as an attribution. */
export function quoteMarkdown(username: string, postId: number, body: string): string {
  const lines = body.trim().split("\n").filter((l) => !/^>?\s*\[quote=/.test(l));
  return `> [quote=${username} post=${postId}]\n${lines.map((l) => `> ${l}`).join("\n")}\n\n`;
}

/** The post a reply would answer, when it is a live post of this topic. */
async function replyTarget(ctx: Ctx, topicId: number, postId: number | null): Promise<ReplyTarget | undefined> {
  const post = postId ? await findPostView(ctx.db, postId) : null;
  if (!post || post.topicId !== topicId || post.deleted) return undefined;
  return { postId: post.id, postNumber: post.postNumber, username: post.author.username };
}

/** Moderators' tools need the categories a topic can move to (themes never query). */
async function moderationView(ctx: Ctx, req: FastifyRequest, page: TopicPage): Promise<TopicModerationView | undefined> {
  if (!page.can.moderate) return undefined;
  const [index, groups] = await Promise.all([ctx.cache.categories(), ctx.cache.groups()]);
  const moveTargets = index.list
    .filter((c) => canSeeCategory(req.actor, c, index, groups.builtin.everyone))
    .map((c) => ({ id: c.id, label: c.parentId ? `${index.byId.get(c.parentId)?.name ?? ""} › ${c.name}` : c.name }));
  return { moveTargets };
}

async function renderTopic(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, page: TopicPage, composer: ComposerState, status = 200) {
  const { topic, posts } = page;
  const moderation = await moderationView(ctx, req, page);
  const first = posts.find((p) => p.postNumber === 1);
  const description = first ? plainExcerpt(first.body, 200) : undefined;
  const canonical = page.page > 1 ? `${topic.url}?page=${page.page}` : topic.url;
  const { TopicPage: Page } = themeFor(req).components;
  return sendPage(ctx, req, reply, () => <Page view={{ page, composer, moderation }} />, {
    title: topic.title,
    status,
    seo: {
      canonical,
      description,
      ogType: "article",
      jsonLd: page.typeData?.type === "question" ? qaPageJsonLd(ctx, page) : page.typeData?.type === "review" ? reviewJsonLd(ctx, page) : {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        headline: topic.title,
        url: ctx.config.baseUrl + topic.url,
        datePublished: topic.createdAt.toISOString(),
        author: { "@type": "Person", name: topic.author.name || topic.author.username, url: `${ctx.config.baseUrl}/u/${encodeURIComponent(topic.author.username)}` },
        text: first ? excerpt(description ?? "", 500) : undefined,
        interactionStatistic: { "@type": "InteractionCounter", interactionType: "https://schema.org/CommentAction", userInteractionCount: topic.replyCount },
        comment: posts
          .filter((p) => p.postNumber > 1 && !p.deleted)
          .slice(0, 20)
          .map((p) => ({
            "@type": "Comment",
            author: { "@type": "Person", name: p.author.name || p.author.username },
            datePublished: p.createdAt.toISOString(),
            text: plainExcerpt(p.body, 300),
          })),
      },
    },
  });
}

/** schema.org Review of a Product (with the product's AggregateRating as this reader sees it). */
function reviewJsonLd(ctx: Ctx, page: TopicPage): Record<string, unknown> | undefined {
  const data = page.typeData?.type === "review" ? page.typeData : null;
  if (!data) return undefined;
  const { topic, posts } = page;
  const first = posts.find((p) => p.postNumber === 1);
  const { stats, product } = data;
  return {
    "@context": "https://schema.org",
    "@type": "Review",
    name: topic.title,
    url: ctx.config.baseUrl + topic.url,
    datePublished: topic.createdAt.toISOString(),
    reviewBody: first ? plainExcerpt(first.body, 1000) : undefined,
    author: { "@type": "Person", name: topic.author.name || topic.author.username, url: `${ctx.config.baseUrl}/u/${encodeURIComponent(topic.author.username)}` },
    reviewRating: { "@type": "Rating", ratingValue: data.rating, bestRating: 5, worstRating: 1 },
    itemReviewed: {
      "@type": "Product",
      name: product.name,
      url: `${ctx.config.baseUrl}/products/${encodeURIComponent(product.slug)}`,
      ...(stats.count > 0 && stats.average !== null
        ? { aggregateRating: { "@type": "AggregateRating", ratingValue: Math.round(stats.average * 100) / 100, reviewCount: stats.count, bestRating: 5, worstRating: 1 } }
        : {}),
    },
  };
}

/** schema.org QAPage for a question: the question, its accepted answer and other replies as suggested answers. */
function qaPageJsonLd(ctx: Ctx, page: TopicPage): Record<string, unknown> {
  const { topic, posts } = page;
  const data = page.typeData?.type === "question" ? page.typeData : null;
  const person = (u: { username: string; name: string }) => ({ "@type": "Person", name: u.name || u.username, url: `${ctx.config.baseUrl}/u/${encodeURIComponent(u.username)}` });
  const first = posts.find((p) => p.postNumber === 1);
  const accepted = data?.acceptedAnswer ?? null;
  const answer = (p: { postNumber: number; body: string; createdAt: Date; author: { username: string; name: string } }) => ({
    "@type": "Answer",
    text: plainExcerpt(p.body, 1000),
    dateCreated: p.createdAt.toISOString(),
    url: ctx.config.baseUrl + postUrl(topic, p.postNumber),
    author: person(p.author),
  });
  return {
    "@context": "https://schema.org",
    "@type": "QAPage",
    mainEntity: {
      "@type": "Question",
      name: topic.title,
      text: first ? plainExcerpt(first.body, 1000) : topic.title,
      answerCount: topic.replyCount,
      dateCreated: topic.createdAt.toISOString(),
      author: person(topic.author),
      ...(accepted ? { acceptedAnswer: answer(accepted) } : {}),
      suggestedAnswer: posts
        .filter((p) => p.postNumber > 1 && !p.deleted && p.id !== accepted?.postId)
        .slice(0, 5)
        .map(answer),
    },
  };
}

export function topicPages(app: FastifyInstance, ctx: Ctx): void {
  const show = async (req: FastifyRequest<{ Params: { id: string; slug?: string }; Querystring: Query }>, reply: FastifyReply) => {
    const id = toId(req.params.id);
    if (!id) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "errors:topicNotFound" });
    const cached = app.pageCache.serve(req, reply);
    if (cached) {
      recordTopicView(ctx, id);
      return cached;
    }
    const res = await getTopicPage(ctx, req.actor, id, toId(req.query.page) ?? 1);
    if (!res.ok) return sendErrorPage(ctx, req, reply, res);
    const page = res.value;
    if (req.params.slug !== page.topic.slug && decodeURIComponent(req.params.slug ?? "") !== page.topic.slug) {
      const qs = req.url.includes("?") ? req.url.slice(req.url.indexOf("?")) : "";
      return reply.redirect(page.topic.url + qs, 301);
    }
    recordTopicView(ctx, id);
    const composer: ComposerState = { body: "" };
    const quoteId = toId(req.query.quote);
    const replyTo = toId(req.query.replyTo ?? req.query.quote);
    if (quoteId) {
      const quoted = await findPostView(ctx.db, quoteId);
      if (quoted && quoted.topicId === id && !quoted.deleted) composer.body = quoteMarkdown(quoted.author.username, quoted.id, quoted.body);
    }
    // The target may be on another page of the topic than the one shown.
    composer.replyTo = await replyTarget(ctx, id, replyTo);
    if (composer.replyTo) composer.replyToPostId = composer.replyTo.postId;
    return renderTopic(ctx, req, reply, page, composer);
  };
  app.get("/t/:id", show);
  app.get("/t/:id/:slug", show);

  app.post<{ Params: { id: string }; Body: Record<string, string> }>("/t/:id/reply", async (req, reply) => {
    const id = toId(req.params.id);
    if (!id) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found" });
    const refused = await attachFormFiles(ctx, req);
    const body = String(req.body?.body ?? "");
    const res = refused ?? (await createPost(ctx, req.actor, { ...nestFields(req.body), topicId: id, body, replyToPostId: req.body?.replyToPostId }));
    if (res.ok) {
      setFlash(reply, "flash.replyPosted");
      return redirectLocal(reply, res.value.url);
    }
    if (res.code === "not_found" || res.code === "unauthenticated") return sendErrorPage(ctx, req, reply, res);
    const pageRes = await getTopicPage(ctx, req.actor, id, Number.MAX_SAFE_INTEGER);
    if (!pageRes.ok) return sendErrorPage(ctx, req, reply, pageRes);
    const fieldError = res.fields?.body ? translateField(req.t, res.fields.body) : undefined;
    const replyToPostId = toId(req.body?.replyToPostId) ?? undefined;
    const composer: ComposerState = {
      body,
      replyToPostId,
      replyTo: await replyTarget(ctx, id, replyToPostId ?? null),
      error: failureMessage(req.t, res),
      fieldError,
      extras: { values: formValues(req.body), errors: translateFields(req.t, res.fields) ?? {} },
    };
    // Show the form even where replying is no longer allowed, so the typed text is not lost.
    const page = { ...pageRes.value, can: { ...pageRes.value.can, reply: true } };
    return renderTopic(ctx, req, reply, page, composer, res.code === "rate_limited" ? 429 : res.code === "forbidden" ? 403 : 400);
  });

  app.get<{ Params: { id: string } }>("/p/:id", async (req, reply) => {
    const id = toId(req.params.id);
    const post = id ? await findPostView(ctx.db, id) : null;
    const res = post ? await getTopicPage(ctx, req.actor, post.topicId, 1) : null;
    if (!post || !res || !res.ok) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found" });
    const page = Math.ceil(post.postNumber / 50);
    return reply.redirect(`${res.value.topic.url}${page > 1 ? `?page=${page}` : ""}#post-${post.postNumber}`, 302);
  });

  /** One post's HTML for live updates: rendered for this reader, after the same visibility check as the page. */
  app.get<{ Params: { id: string } }>("/p/:id/fragment", async (req, reply) => {
    const id = toId(req.params.id);
    const post = id ? await findPostView(ctx.db, id) : null;
    if (!post) return reply.status(404).send("");
    const res = await getTopicPage(ctx, req.actor, post.topicId, Math.ceil(post.postNumber / 50));
    const found = res.ok ? res.value.posts.find((p) => p.id === post.id) : undefined;
    if (!res.ok || !found) return reply.status(404).send("");
    const ui = await uiFor(ctx, req);
    // The theme's own post component, so a live reply looks like the posts around it.
    const { PostView } = themeFor(req).components;
    const html = renderToString(
      <UiContext.Provider value={ui}>
        <PostView post={found} topic={res.value.topic} canReply={res.value.can.reply} />
      </UiContext.Provider>,
    );
    return reply.header("content-type", "text/html; charset=utf-8").header("cache-control", "private, no-store").send(html);
  });
}
