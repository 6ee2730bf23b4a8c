import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { findTopic } from "../../domain/content/repo.js";
import { creatableCategory } from "../../domain/content/queries/creatableCategory.js";
import { topicUrl } from "../../domain/content/types.js";
import type { Ctx } from "../../domain/ctx.js";
import { editEvent } from "../../domain/events/commands/editEvent.js";
import { rsvp, withdrawRsvp } from "../../domain/events/commands/rsvp.js";
import { eventCalendarFile } from "../../domain/events/queries/eventCalendar.js";
import { type Month, eventMonth, listEvents, monthKey, parseMonth } from "../../domain/events/queries/listEvents.js";
import type { Failure, Result } from "../../lib/result.js";
import { dayIn } from "../../lib/timezone.js";
import { EventListPage, EventMonthPage } from "../../render/components/events.js";
import { EventEditForm } from "../../render/components/types/event.js";
import { STATUS, failureMessage, translateFields } from "../errors.js";
import { formValues, nestFields, pageParam, toId } from "../forms.js";
import { redirectLocal, sendPage, setFlash } from "../render.js";
import { sendErrorPage } from "./errorPage.js";

type TopicRequest = FastifyRequest<{ Params: { id: string }; Body: Record<string, unknown> }>;


/**
 * Event lists (upcoming, past, a month), the calendar file, and the forms: answer, withdraw,
 * the organiser's changes (POST → redirect back with a message).
 */
export function eventPages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Querystring: { when?: string; page?: string } }>("/events", async (req, reply) => {
    const cached = app.pageCache.serve(req, reply);
    if (cached) return cached;
    const kind = req.query.when === "past" ? "past" : "upcoming";
    const page = pageParam(req.query.page);
    const [list, createCategoryId] = await Promise.all([listEvents(ctx, req.actor, { when: kind, page }), creatableCategory(ctx, req.actor, "event")]);
    return sendPage(ctx, req, reply, () => <EventListPage kind={kind} list={list} createCategoryId={createCategoryId} />, {
      title: req.t(kind === "past" ? "events:list.past" : "events:list.title"),
      seo: { canonical: kind === "past" ? "/events?when=past" : "/events", description: req.t("events:list.lead"), noindex: page > 1 },
    });
  });

  app.get<{ Querystring: { month?: string } }>("/events/calendar", async (req, reply) => {
    const cached = app.pageCache.serve(req, reply);
    if (cached) return cached;
    const today = dayIn(ctx.clock(), "UTC");
    const month: Month = parseMonth(req.query.month) ?? { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
    const [view, createCategoryId] = await Promise.all([eventMonth(ctx, req.actor, month), creatableCategory(ctx, req.actor, "event")]);
    return sendPage(ctx, req, reply, () => <EventMonthPage view={view} today={today} createCategoryId={createCategoryId} />, {
      title: `${req.t("events:list.title")} · ${monthKey(month)}`,
      seo: { canonical: `/events/calendar?month=${monthKey(month)}`, noindex: true },
    });
  });

  app.get<{ Params: { id: string } }>("/t/:id/event.ics", async (req, reply) => {
    const topicId = toId(req.params.id);
    const res = topicId ? await eventCalendarFile(ctx, req.actor, topicId) : null;
    if (!res || !res.ok) return sendErrorPage(ctx, req, reply, res ?? { ok: false, code: "not_found", messageKey: "errors:topicNotFound" });
    return reply
      .header("content-type", "text/calendar; charset=utf-8")
      .header("content-disposition", `attachment; filename="${res.value.filename.replace(/[^\w.-]/g, "_")}"`)
      .header("cache-control", "private, no-store")
      .send(res.value.body);
  });

  const back = (req: TopicRequest, topicId: number) => (typeof req.body?.next === "string" && req.body.next.startsWith("/") && !req.body.next.startsWith("//") ? req.body.next : `/t/${topicId}`);
  const answered = async (req: TopicRequest, reply: FastifyReply, run: (topicId: number) => Promise<Result<{ status: string | null }>>) => {
    const topicId = toId(req.params.id);
    const res: Result<{ status: string | null }> | Failure = topicId ? await run(topicId) : { ok: false, code: "not_found", messageKey: "errors:topicNotFound" };
    const to = topicId ? back(req, topicId) : "/events";
    if (res.ok) {
      setFlash(reply, res.value.status ? `events:flash.${res.value.status}` : "events:flash.withdrawn", res.value.status === "waitlist" ? "info" : "success");
      return redirectLocal(reply, to);
    }
    if (res.code === "unauthenticated") return reply.redirect(`/login?next=${encodeURIComponent(to)}`, 303);
    // The event is over, the topic locked, not an answer: back to the event, saying why.
    if ((res.code === "invalid" || res.code === "forbidden") && res.messageKey) {
      setFlash(reply, res.messageKey, "error");
      return redirectLocal(reply, to);
    }
    if (res.code === "invalid") {
      setFlash(reply, "validation.rsvp", "error");
      return redirectLocal(reply, to);
    }
    return sendErrorPage(ctx, req, reply, res);
  };
  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>("/t/:id/rsvp", (req, reply) => answered(req, reply, (topicId) => rsvp(ctx, req.actor, { topicId, status: req.body?.status })));
  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>("/t/:id/rsvp/withdraw", (req, reply) => answered(req, reply, (topicId) => withdrawRsvp(ctx, req.actor, { topicId })));

  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>("/t/:id/event", async (req, reply) => {
    const topicId = toId(req.params.id);
    if (!topicId) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "errors:topicNotFound" });
    const res = await editEvent(ctx, req.actor, { topicId, event: nestFields(req.body).event });
    const topic = await findTopic(ctx.db, topicId);
    if (res.ok) {
      setFlash(reply, "events:flash.edited");
      return redirectLocal(reply, topic ? topicUrl(topic) : "/events");
    }
    if (res.code !== "invalid" || !topic) return sendErrorPage(ctx, req, reply, res);
    // What was typed comes back with each field's message.
    const form = { values: formValues(req.body), errors: translateFields(req.t, res.fields) ?? {} };
    const title = req.t("events:edit.summary");
    return sendPage(
      ctx,
      req,
      reply,
      () => (
        <section class="form-page event-edit-page">
          <p>
            <a href={topicUrl(topic)}>← {topic.title}</a>
          </p>
          <h1>{title}</h1>
          <EventEditForm topicId={topicId} form={form} error={res.fields ? undefined : failureMessage(req.t, res)} />
        </section>
      ),
      { title, status: STATUS[res.code], seo: { noindex: true } },
    );
  });
}
