import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Ctx } from "../../domain/ctx.js";
import { editEvent } from "../../domain/events/commands/editEvent.js";
import { rsvp, withdrawRsvp } from "../../domain/events/commands/rsvp.js";
import { RSVP_ANSWERS } from "../../domain/events/policy.js";
import { EVENT_LISTS, eventMonth, listEvents, monthKey, parseMonth } from "../../domain/events/queries/listEvents.js";
import { dayIn } from "../../lib/timezone.js";
import { sendApiError } from "../errors.js";
import { ErrorJson, TopicListItemJson, presentTopicListItem } from "./presenters.js";

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson };

/** An event's own fields, on `POST /api/v1/topics` (as `event`) and `PUT /api/v1/topics/:id/event`. */
export const EventInputJson = z
  .object({
    startsAt: z.string().describe("`2026-12-20T19:00` (wall clock in timeZone) or an ISO instant with Z or an offset"),
    endsAt: z.string().describe("after startsAt, at most 60 days later"),
    timeZone: z.string().describe("IANA zone, e.g. Asia/Tokyo"),
    onlineUrl: z.string().optional().describe("http(s) meeting link; shown to those going or maybe, the organiser and staff"),
    place: z.string().optional().describe("venue or address; a place, an online link or both"),
    capacity: z.union([z.number().int(), z.string(), z.null()]).optional().describe("seats (1–100000); null or absent: no limit"),
  })
  .describe("in event categories (required there): when and where");

const RsvpJson = z.object({
  topicId: z.number(),
  status: z.enum([...RSVP_ANSWERS, "waitlist"]).nullable().describe("waitlist: said going while full; null: withdrawn"),
  position: z.number().nullable().describe("place on the waiting list (1: next)"),
  promoted: z.array(z.number()).describe("members moved from the waiting list into the freed seats"),
});

/**
 * Events: upcoming and past lists, a month, answering (going / maybe / not going, or the
 * waiting list when full), the organiser's changes. Events are created with `POST /api/v1/topics`
 * and `event: {...}`; an event topic's `typeData` carries the rest. The `.ics` file is at
 * `/t/:id/event.ics`.
 */
export function eventsApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/events",
    {
      schema: {
        tags: ["events"],
        summary: "Events the caller may see: upcoming (soonest first, running ones too) or past (latest first)",
        querystring: z.object({
          when: z.enum(EVENT_LISTS).default("upcoming"),
          page: z.coerce.number().int().min(1).max(1000).default(1),
          perPage: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ topics: z.array(TopicListItemJson), page: z.number(), hasMore: z.boolean() }) },
      },
    },
    async (req) => {
      const list = await listEvents(ctx, req.actor, { when: req.query.when, page: req.query.page, perPage: req.query.perPage });
      return { topics: list.topics.map(presentTopicListItem), page: list.page, hasMore: list.hasMore };
    },
  );
  r.get(
    "/api/v1/events/calendar",
    {
      schema: {
        tags: ["events"],
        summary: "One month of events, by day (each event on every day it spans, in its own time zone)",
        querystring: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/).optional().describe("YYYY-MM; default: this month (UTC)") }),
        response: { 200: z.object({ month: z.string(), days: z.array(z.object({ day: z.string(), topicIds: z.array(z.number()) })), topics: z.array(TopicListItemJson) }), 400: ErrorJson },
      },
    },
    async (req, reply) => {
      const today = dayIn(ctx.clock(), "UTC");
      const month = req.query.month === undefined ? { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) } : parseMonth(req.query.month);
      if (!month) return sendApiError(req, reply, { ok: false, code: "invalid", fields: { month: { key: "validation.format" } } });
      const view = await eventMonth(ctx, req.actor, month);
      const topics = new Map(view.days.flatMap((d) => d.events.map((e) => [e.id, e] as const)));
      return { month: monthKey(month), days: view.days.map((d) => ({ day: d.day, topicIds: d.events.map((e) => e.id) })), topics: [...topics.values()].map(presentTopicListItem) };
    },
  );
  r.put(
    "/api/v1/topics/:id/rsvp",
    {
      schema: {
        tags: ["events"],
        summary: "Answer an event: going (a seat, or the waiting list when full), maybe or not going",
        params: IdParams,
        body: z.object({ status: z.enum(RSVP_ANSWERS) }),
        response: { 200: RsvpJson, ...errors },
      },
    },
    async (req, reply) => {
      const res = await rsvp(ctx, req.actor, { topicId: req.params.id, status: req.body.status });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
  r.delete(
    "/api/v1/topics/:id/rsvp",
    { schema: { tags: ["events"], summary: "Withdraw your answer (a seat you held goes to the first on the waiting list)", params: IdParams, response: { 200: RsvpJson, ...errors } } },
    async (req, reply) => {
      const res = await withdrawRsvp(ctx, req.actor, { topicId: req.params.id });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
  r.put(
    "/api/v1/topics/:id/event",
    {
      schema: {
        tags: ["events"],
        summary: "Change an event's time, place, link or seats (the organiser or a moderator)",
        params: IdParams,
        body: EventInputJson,
        response: { 200: z.object({ topicId: z.number(), promoted: z.array(z.number()) }), ...errors },
      },
    },
    async (req, reply) => {
      const res = await editEvent(ctx, req.actor, { topicId: req.params.id, event: req.body });
      if (!res.ok) return sendApiError(req, reply, res);
      return res.value;
    },
  );
}
