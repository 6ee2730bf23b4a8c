import type { FastifyInstance } from "fastify";
import { accessTo, readableIds } from "../../domain/community/access.js";
import type { Ctx } from "../../domain/ctx.js";
import type { LiveActivity, LivePost } from "../../domain/content/live.js";
import { canSeeTopic } from "../../domain/content/policy.js";
import { findTopic } from "../../domain/content/repo.js";

const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events for open pages: `/live?channels=topic:12,latest,category:3`.
 * Each channel is checked against the reader's permissions when the stream opens, activity is
 * filtered by the categories the reader may see, and the page fetches new posts' HTML through
 * `/p/:id/fragment`, which checks again.
 */
export function livePages(app: FastifyInstance, ctx: Ctx): void {
  const open = new Set<() => void>();
  // Streams never end by themselves, and the server waits for open connections before it closes:
  // end them before that (preClose), so a shutdown is prompt and browsers reconnect elsewhere.
  app.addHook("preClose", async () => {
    for (const end of [...open]) end();
  });

  app.get<{ Querystring: { channels?: string } }>("/live", async (req, reply) => {
    const wanted = String(req.query.channels ?? "")
      .split(",")
      .filter(Boolean)
      .slice(0, 5);
    const topics: number[] = [];
    let activityCategories: Set<number> | null = null;
    const readable = new Set(await readableIds(ctx, req.actor));
    for (const ch of wanted) {
      const m = /^(topic|category):(\d+)$/.exec(ch);
      if (ch === "latest") {
        activityCategories = readable;
      } else if (m?.[1] === "topic") {
        const topic = await findTopic(ctx.db, Number(m[2]));
        const found = topic && (await accessTo(ctx, req.actor, topic.categoryId));
        if (topic && found && canSeeTopic(req.actor, topic, found.access)) topics.push(topic.id);
      } else if (m?.[1] === "category") {
        const id = Number(m[2]);
        const index = await ctx.cache.categories();
        if (readable.has(id)) {
          const family = [id, ...index.children(id).map((c) => c.id)].filter((c) => readable.has(c));
          activityCategories = new Set([...(activityCategories ?? []), ...family]);
        }
      }
    }

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.write(`retry: 3000\n\n`);
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const unsubscribe: Array<() => void> = [];
    for (const id of topics) {
      unsubscribe.push(ctx.bus.subscribe(`topic:${id}`, (d) => send("post", { topicId: id, ...(d as LivePost) })));
    }
    if (activityCategories) {
      const allowed = activityCategories;
      unsubscribe.push(
        ctx.bus.subscribe("activity", (d) => {
          const a = d as LiveActivity;
          if (allowed.has(a.categoryId)) send("activity", { topicId: a.topicId, categoryId: a.categoryId });
        }),
      );
    }
    const heartbeat = setInterval(() => res.write(`: ping\n\n`), HEARTBEAT_MS);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      for (const u of unsubscribe) u();
      open.delete(end);
      res.end();
    };
    open.add(end);
    // The response's close fires when the client goes away (or we end it); the stream may already
    // be gone if the client left while permissions were being checked.
    res.on("close", end);
    if (res.destroyed) return end();
    send("ready", { topics, activity: activityCategories !== null });
  });
}
