import type { TopicListItem } from "../../domain/content/types.js";
import type { TopicList } from "../../domain/content/queries/listTopics.js";
import { type EventListKind, type MonthView, monthKey, shiftMonth } from "../../domain/events/queries/listEvents.js";
import { dayIn } from "../../lib/timezone.js";
import { useUi } from "../ui.js";
import { CategoryBadge, Pager } from "./common.js";
import { Icon } from "./icons.js";
import { zoneName } from "./types/event.js";

type EventSummary = Extract<NonNullable<TopicListItem["typeSummary"]>, { type: "event" }>;
const summaryOf = (t: TopicListItem): EventSummary | null => (t.typeSummary?.type === "event" ? t.typeSummary : null);

/** The title, the create button when the reader may, and Upcoming · Past · Calendar. */
function EventHead({ current, createCategoryId }: { current: EventListKind | "month"; createCategoryId: number | null }) {
  const { t } = useUi();
  const tabs: Array<[EventListKind | "month", string, string]> = [
    ["upcoming", "/events", t("events:list.upcoming")],
    ["past", "/events?when=past", t("events:list.past")],
    ["month", "/events/calendar", t("events:list.month")],
  ];
  return (
    <>
      <header class="page-head">
        <div>
          <h1>{t("events:list.title")}</h1>
          <p class="page-lead">{t("events:list.lead")}</p>
        </div>
        {createCategoryId !== null ? (
          <div class="page-head-actions">
            <a class="button button-primary" href={`/new-topic?category=${createCategoryId}`}>
              <Icon name="plus" size={16} /> {t("events:list.create")}
            </a>
          </div>
        ) : null}
      </header>
      <nav class="tabs" aria-label={t("events:list.title")}>
        {tabs.map(([key, href, label]) => (
          <a key={key} href={href} aria-current={key === current ? "page" : undefined}>
            {label}
          </a>
        ))}
      </nav>
    </>
  );
}

/** One event in a list: its date as a calendar leaf, title, time, place and who is coming. */
function EventCard({ topic }: { topic: TopicListItem }) {
  const { t, fmt, locale } = useUi();
  const s = summaryOf(topic);
  if (!s) return null;
  const day = dayIn(s.startsAt, s.timeZone).split("-").map(Number);
  return (
    <li class="event-card">
      <div class="event-leaf" aria-hidden="true">
        <span class="event-leaf-month">{new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(day[0], day[1] - 1, 1)))}</span>
        <span class="event-leaf-day">{day[2]}</span>
      </div>
      <div class="event-card-main">
        <h2 class="event-card-title">
          <a href={topic.url}>{topic.title}</a>
        </h2>
        <p class="event-card-when">
          <time datetime={s.startsAt.toISOString()}>{fmt.range(s.startsAt, s.endsAt, s.timeZone)}</time> <span class="field-hint">{zoneName(s.timeZone, s.startsAt)}</span>
        </p>
        <p class="event-card-meta">
          {s.place ? (
            <span>
              <Icon name="place" size={14} /> {s.place}
            </span>
          ) : null}
          {s.online ? (
            <span>
              <Icon name="monitor" size={14} /> {t("events:list.online")}
            </span>
          ) : null}
          <span>
            <Icon name="users" size={14} /> {s.capacity === null ? t("events:list.going", { count: s.going }) : t("events:list.seats", { going: s.going, capacity: s.capacity })}
          </span>
          {s.myRsvp === "going" ? <strong class="badge badge-going">{t("events:list.youGoing")}</strong> : s.myRsvp === "waitlist" ? <span class="badge">{t("events:list.youWaiting")}</span> : null}
          <CategoryBadge category={topic.category} />
        </p>
      </div>
    </li>
  );
}

/** `/events` and `/events?when=past`. */
export function EventListPage({ kind, list, createCategoryId }: { kind: EventListKind; list: TopicList; createCategoryId: number | null }) {
  const { t } = useUi();
  return (
    <section class="event-list-page">
      <EventHead current={kind} createCategoryId={createCategoryId} />
      {list.topics.length === 0 ? (
        <p class="empty">{t(kind === "past" ? "events:list.nonePast" : "events:list.none")}</p>
      ) : (
        <ul class="event-cards">
          {list.topics.map((topic) => (
            <EventCard key={topic.id} topic={topic} />
          ))}
        </ul>
      )}
      <Pager base={kind === "past" ? "/events?when=past" : "/events"} page={list.page} hasMore={list.hasMore} />
    </section>
  );
}

/** `/events/calendar?month=YYYY-MM`: a month grid, Sunday first; on phones only the days with events. */
export function EventMonthPage({ view, today, createCategoryId }: { view: MonthView; today: string; createCategoryId: number | null }) {
  const { t, fmt } = useUi();
  const { month } = view;
  const lead = new Date(Date.UTC(month.year, month.month - 1, 1)).getUTCDay();
  const cells: Array<MonthView["days"][number] | null> = [...Array.from({ length: lead }, () => null), ...view.days];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  const title = fmt.month(month.year, month.month);
  const href = (by: number) => `/events/calendar?month=${monthKey(shiftMonth(month, by))}`;
  return (
    <section class="event-month-page">
      <EventHead current="month" createCategoryId={createCategoryId} />
      <nav class="month-nav" aria-label={t("events:list.month")}>
        <a href={href(-1)} rel="prev">
          ← {t("events:month.prev")}
        </a>
        <h2 class="month-title">{title}</h2>
        <a href={href(1)} rel="next">
          {t("events:month.next")} →
        </a>
        <a href="/events/calendar" class="month-current">
          {t("events:month.current")}
        </a>
      </nav>
      {view.total === 0 ? <p class="empty">{t("events:month.empty")}</p> : null}
      <table class="month-grid">
        <caption class="visually-hidden">{t("events:month.label", { month: title })}</caption>
        <thead>
          <tr>
            {fmt.weekdays().map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, i) => (
            <tr key={i}>
              {week.map((cell, j) =>
                cell ? (
                  <td key={j} class={`month-day${cell.events.length ? " has-events" : ""}${cell.day === today ? " is-today" : ""}`}>
                    <span class="month-day-number">
                      <span class="month-day-full">{fmt.date(new Date(`${cell.day}T12:00:00Z`))}</span>
                      <span class="month-day-short" aria-hidden="true">
                        {Number(cell.day.slice(8))}
                      </span>
                    </span>
                    {cell.events.length ? (
                      <ul class="month-events">
                        {cell.events.map((e) => {
                          const s = summaryOf(e)!;
                          const starts = dayIn(s.startsAt, s.timeZone) === cell.day;
                          return (
                            <li key={e.id}>
                              <a href={e.url} title={zoneName(s.timeZone, s.startsAt)}>
                                {starts ? <time datetime={s.startsAt.toISOString()}>{fmt.timeInZone(s.startsAt, s.timeZone)}</time> : null} {e.title}
                              </a>
                            </li>
                          );
                        })}
                      </ul>
                    ) : null}
                  </td>
                ) : (
                  <td key={j} class="month-pad" aria-hidden="true" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
