import type { UserSummary } from "../accounts/types.js";
import { isModerator } from "../actor.js";
import { registerTopicType } from "../content/contentTypes.js";
import type { Actor } from "../actor.js";
import type { Ctx } from "../ctx.js";
import type { TopicRecord } from "../content/repo.js";
import { err } from "../../lib/result.js";
import { type EventFieldValues, EventFields } from "./fields.js";
import { type RsvpStatus, canEditEvent, canRsvp, canSeeOnlineUrl, isEventOver } from "./policy.js";
import { type EventRecord, type RsvpCounts, eventRows, findEvent, insertEvent, peopleWith, rsvpCounts, rsvpOf, rsvpsBy, waitlistPosition } from "./repo.js";

/** How many going / maybe people an event page lists by name (the counts are always whole). */
export const PEOPLE_SHOWN = 100;

/** An event as a reader sees it: the online link only when they may have it. */
export interface EventView {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  place: string;
  /** Whether it has an online link (shown or not). */
  online: boolean;
  /** The link, when this reader may see it (see canSeeOnlineUrl). */
  onlineUrl: string | null;
  capacity: number | null;
  counts: RsvpCounts;
  /** Free seats (null: no limit). */
  seatsLeft: number | null;
  going: UserSummary[];
  maybe: UserSummary[];
  /** Who waits for a seat, by name: for the organiser and moderators only (others see the count). */
  waitlist: UserSummary[];
  myRsvp: RsvpStatus | null;
  /** The reader's place on the waiting list (1: next). */
  myWaitlistPosition: number | null;
  canRsvp: boolean;
  canEdit: boolean;
  started: boolean;
  over: boolean;
}

declare module "../content/contentTypes.js" {
  interface TopicTypeDataMap {
    event: EventView;
  }
  interface TopicTypeSummaryMap {
    event: { startsAt: Date; endsAt: Date; timeZone: string; place: string; online: boolean; going: number; capacity: number | null; myRsvp: RsvpStatus | null };
  }
}

/** The event of a topic as this reader sees it (the same view for the page, the API and the forms). */
export async function eventView(ctx: Ctx, actor: Actor, topic: TopicRecord, ev: EventRecord): Promise<EventView> {
  const now = ctx.clock();
  const mine = actor.kind === "user" ? await rsvpOf(ctx.db, topic.id, actor.id) : null;
  const organiser = actor.kind === "user" && (actor.id === topic.userId || isModerator(actor));
  const [counts, going, maybe, waitlist, position] = await Promise.all([
    rsvpCounts(ctx.db, topic.id),
    peopleWith(ctx.db, topic.id, "going", PEOPLE_SHOWN),
    peopleWith(ctx.db, topic.id, "maybe", PEOPLE_SHOWN),
    organiser ? peopleWith(ctx.db, topic.id, "waitlist", PEOPLE_SHOWN) : Promise.resolve([]),
    mine?.status === "waitlist" && actor.kind === "user" ? waitlistPosition(ctx.db, topic.id, actor.id, mine.respondedAt) : Promise.resolve(null),
  ]);
  const state = { startsAt: ev.startsAt, endsAt: ev.endsAt, userId: topic.userId };
  return {
    startsAt: ev.startsAt,
    endsAt: ev.endsAt,
    timeZone: ev.timeZone,
    place: ev.place,
    online: ev.onlineUrl !== "",
    onlineUrl: ev.onlineUrl && canSeeOnlineUrl(actor, state, mine?.status ?? null) ? ev.onlineUrl : null,
    capacity: ev.capacity,
    counts,
    seatsLeft: ev.capacity === null ? null : Math.max(0, ev.capacity - counts.going),
    going,
    maybe,
    waitlist,
    myRsvp: mine?.status ?? null,
    myWaitlistPosition: position,
    canRsvp: canRsvp(actor, state, topic, now),
    canEdit: canEditEvent(actor, state, topic),
    started: ev.startsAt.getTime() <= now.getTime(),
    over: isEventOver(ev, now),
  };
}

/** Events: a time in a zone, an online link or a place, seats, answers and a waiting list. */
registerTopicType<EventFieldValues>({
  type: "event",
  fields: EventFields,
  async validate(ctx, _actor, fields) {
    if (isEventOver(fields, ctx.clock())) return err("invalid", "events:errors.inPast", { fields: { "event.endsAt": { key: "validation.eventInPast" } } });
    return null;
  },
  async onCreate(trx, ctx, _actor, created, fields) {
    await insertEvent(trx, created.topicId, fields, ctx.clock());
  },
  async loadTopic(ctx, actor, { topic }) {
    const ev = await findEvent(ctx.db, topic.id);
    return ev ? { type: "event", ...(await eventView(ctx, actor, topic, ev)) } : null;
  },
  async loadSummaries(ctx, actor, topicIds) {
    const [rows, mine] = await Promise.all([eventRows(ctx.db, topicIds), actor.kind === "user" ? rsvpsBy(ctx.db, actor.id, topicIds) : Promise.resolve(new Map<number, RsvpStatus>())]);
    return new Map(
      [...rows].map(([id, e]) => [
        id,
        { type: "event" as const, startsAt: e.startsAt, endsAt: e.endsAt, timeZone: e.timeZone, place: e.place, online: e.onlineUrl !== "", going: e.goingCount, capacity: e.capacity, myRsvp: mine.get(id) ?? null },
      ]),
    );
  },
});
