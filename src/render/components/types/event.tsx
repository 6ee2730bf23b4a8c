import type { UserSummary } from "../../../domain/accounts/types.js";
import type { EventView } from "../../../domain/events/eventType.js";
import { RSVP_ANSWERS, type RsvpStatus } from "../../../domain/events/policy.js";
import { formatWallClock, gmtLabel, timeZones, zoneOffsetMinutes } from "../../../lib/timezone.js";
import { useUi } from "../../ui.js";
import { Avatar, Csrf, Field, UserLink } from "../common.js";
import { Icon } from "../icons.js";
import type { FormState } from "./registry.js";
import { registerTopicTypeUi } from "./registry.js";

/** The zone a new event starts in: the reader's language's usual one (the browser's, with JavaScript). */
export const defaultZone = (locale: string) => (locale === "ja" ? "Asia/Tokyo" : "UTC");

/** "Asia/Tokyo (GMT+9)" at the event's time. */
export function zoneName(zone: string, at: Date): string {
  return `${zone.replace(/_/g, " ")} (${gmtLabel(zoneOffsetMinutes(at, zone))})`;
}

/** The event's fields, named `event.<field>` (the new-topic form and the organiser's edit form). */
export function EventInputs({ form }: { form: FormState }) {
  const { t, locale } = useUi();
  const v = (k: string) => form.values[`event.${k}`] ?? "";
  const zone = v("timeZone") || defaultZone(locale);
  /** The id, validity and descriptions of the input Field wraps. */
  const aria = (name: string, hint: boolean) => {
    const id = `f-event.${name}`;
    const bad = Boolean(form.errors[`event.${name}`]);
    const by = [bad ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
    return { id, name: `event.${name}`, "aria-invalid": bad ? ("true" as const) : undefined, "aria-describedby": by };
  };
  const field = (name: string, hint?: string) => ({ name: `event.${name}`, label: t(`events:fields.${name}`), error: form.errors[`event.${name}`], hint });
  return (
    <fieldset class="event-fields">
      <legend class="visually-hidden">{t("events:block.label")}</legend>
      <div class="event-fields-row">
        <Field {...field("startsAt")}>
          <input type="datetime-local" {...aria("startsAt", false)} value={v("startsAt")} required />
        </Field>
        <Field {...field("endsAt")}>
          <input type="datetime-local" {...aria("endsAt", false)} value={v("endsAt")} required />
        </Field>
      </div>
      <Field {...field("timeZone", t("events:fields.timeZoneHint"))}>
        <select {...aria("timeZone", true)} data-default-zone={v("timeZone") ? undefined : "browser"}>
          {timeZones().map((z) => (
            <option key={z} value={z} selected={z === zone}>
              {z.replace(/_/g, " ")}
            </option>
          ))}
        </select>
      </Field>
      <Field {...field("place", t("events:fields.placeHint"))}>
        <input type="text" {...aria("place", true)} value={v("place")} maxLength={300} />
      </Field>
      <Field {...field("onlineUrl", t("events:fields.onlineUrlHint"))}>
        <input type="url" {...aria("onlineUrl", true)} value={v("onlineUrl")} maxLength={500} placeholder="https://" />
      </Field>
      <Field {...field("capacity", t("events:fields.capacityHint"))}>
        <input type="number" {...aria("capacity", true)} value={v("capacity")} min={1} max={100000} step={1} inputMode="numeric" class="input-short" />
      </Field>
    </fieldset>
  );
}

/** The form values of a saved event, for the edit form. */
export const eventFormValues = (e: Pick<EventView, "startsAt" | "endsAt" | "timeZone" | "place" | "capacity"> & { onlineUrl: string | null }): Record<string, string> => ({
  "event.startsAt": formatWallClock(e.startsAt, e.timeZone),
  "event.endsAt": formatWallClock(e.endsAt, e.timeZone),
  "event.timeZone": e.timeZone,
  "event.place": e.place,
  "event.onlineUrl": e.onlineUrl ?? "",
  "event.capacity": e.capacity === null ? "" : String(e.capacity),
});

/** The organiser's and moderators' form to change the time, place or seats. */
export function EventEditForm({ topicId, form, error }: { topicId: number; form: FormState; error?: string }) {
  const { t } = useUi();
  return (
    <details class="event-edit-form" open={error || Object.keys(form.errors).length > 0 ? true : undefined}>
      <summary>{t("events:edit.summary")}</summary>
      <form method="post" action={`/t/${topicId}/event`} class="stacked-form">
        <Csrf />
        {error ? <div class="alert alert-error" role="alert">{error}</div> : null}
        <EventInputs form={form} />
        <div class="form-actions">
          <button type="submit" class="button button-primary">{t("events:edit.submit")}</button>
        </div>
      </form>
    </details>
  );
}

/** Going / maybe / not going as three buttons of one form; the current answer is pressed. Works without JavaScript. */
export function RsvpForm({ topicId, data, next }: { topicId: number; data: Pick<EventView, "myRsvp" | "seatsLeft" | "myWaitlistPosition">; next: string }) {
  const { t } = useUi();
  const current = data.myRsvp;
  const full = data.seatsLeft === 0 && current !== "going";
  return (
    <div class="rsvp">
      <form method="post" action={`/t/${topicId}/rsvp`} class="rsvp-form">
        <Csrf />
        <input type="hidden" name="next" value={next} />
        <fieldset>
          <legend>{t("events:rsvp.legend")}</legend>
          <div class="rsvp-buttons" role="group">
            {RSVP_ANSWERS.map((a) => {
              const pressed = current === a || (a === "going" && current === "waitlist");
              const label = a === "going" && full && current !== "waitlist" ? t("events:rsvp.joinWaitlist") : a === "going" && current === "waitlist" ? t("events:rsvp.waitlist") : t(`events:rsvp.${a}`);
              return (
                <button key={a} type="submit" name="status" value={a} class={`button rsvp-${a}${pressed ? " is-pressed" : ""}${a === "going" && !pressed ? " button-primary" : ""}`} aria-pressed={pressed ? "true" : "false"}>
                  {pressed ? <Icon name="check" size={15} /> : null} {label}
                </button>
              );
            })}
          </div>
        </fieldset>
      </form>
      {current === "waitlist" && data.myWaitlistPosition ? <p class="rsvp-position" role="status">{t("events:rsvp.position", { position: data.myWaitlistPosition })}</p> : null}
      {current ? (
        <form method="post" action={`/t/${topicId}/rsvp/withdraw`} class="inline-form rsvp-withdraw">
          <Csrf />
          <input type="hidden" name="next" value={next} />
          <button type="submit" class="link-button">{t("events:rsvp.withdraw")}</button>
        </form>
      ) : null}
    </div>
  );
}

function People({ title, people, count, hint }: { title: string; people: UserSummary[]; count: number; hint?: string }) {
  const { t } = useUi();
  return (
    <section class="event-people">
      <h3>{title}</h3>
      {hint ? <p class="field-hint">{hint}</p> : null}
      {people.length === 0 ? (
        <p class="field-hint">{t("events:people.none")}</p>
      ) : (
        <ul class="event-people-list">
          {people.map((u) => (
            <li key={u.id}>
              <Avatar user={u} size={28} /> <UserLink user={u} />
            </li>
          ))}
          {count > people.length ? <li class="field-hint">{t("events:people.more", { count: count - people.length })}</li> : null}
        </ul>
      )}
    </section>
  );
}

const statusLabel = (t: (k: string) => string, s: RsvpStatus) => t(`events:rsvp.${s}`);

/** Events: when and where, seats, the answer buttons, who is coming, the calendar file, the organiser's form. */
registerTopicTypeUi("event", {
  Block({ view }) {
    const { t, fmt, viewer, path } = useUi();
    const data = view.page.typeData;
    if (data?.type !== "event") return null;
    const topic = view.page.topic;
    return (
      <aside class={`event-box${data.over ? " event-over" : ""}`} aria-label={t("events:block.label")}>
        <dl class="event-facts">
          <div>
            <dt>
              <Icon name="calendar" size={16} /> {t("events:block.when")}
            </dt>
            <dd>
              <time datetime={data.startsAt.toISOString()} class="event-when" data-ends={data.endsAt.toISOString()} data-zone={data.timeZone} data-local-label={t("events:block.yourTime")}>
                {fmt.range(data.startsAt, data.endsAt, data.timeZone)}
              </time>
              <span class="field-hint event-zone">{t("events:block.zone", { zone: data.timeZone.replace(/_/g, " "), offset: gmtLabel(zoneOffsetMinutes(data.startsAt, data.timeZone)) })}</span>
              {data.over ? <span class="badge event-state">{t("events:block.over")}</span> : data.started ? <span class="badge event-state event-live">{t("events:block.started")}</span> : null}
            </dd>
          </div>
          <div>
            <dt>
              <Icon name="place" size={16} /> {t("events:block.where")}
            </dt>
            <dd>
              {data.place ? <span class="event-place">{data.place}</span> : null}
              {data.online ? (
                <span class="event-online">
                  {t("events:block.online")}
                  {": "}
                  {data.onlineUrl ? (
                    <a href={data.onlineUrl} rel="nofollow noopener noreferrer" target="_blank">
                      {data.onlineUrl}
                    </a>
                  ) : (
                    <span class="field-hint">{t("events:block.onlineHidden")}</span>
                  )}
                </span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>
              <Icon name="users" size={16} /> {t("events:block.attendance")}
            </dt>
            <dd>
              {data.capacity === null ? (
                <span>{t("events:list.going", { count: data.counts.going })}</span>
              ) : (
                <>
                  <span>{t("events:block.seats", { going: data.counts.going, capacity: data.capacity })}</span>
                  {data.seatsLeft ? <span>{t("events:block.seatsLeft", { count: data.seatsLeft })}</span> : <strong>{t("events:block.full")}</strong>}
                </>
              )}
              {data.counts.waitlist > 0 ? <span class="field-hint">{t("events:people.waitlist", { count: data.counts.waitlist })}</span> : null}
            </dd>
          </div>
        </dl>
        {data.canRsvp ? (
          <RsvpForm topicId={topic.id} data={data} next={path} />
        ) : !viewer && !data.over ? (
          <p>
            <a class="button button-primary" href={`/login?next=${encodeURIComponent(path)}`}>
              {t("events:rsvp.loginToRsvp")}
            </a>
          </p>
        ) : data.myRsvp ? (
          <p class="rsvp-answer">{t("events:rsvp.yourAnswer", { status: statusLabel(t, data.myRsvp) })}</p>
        ) : null}
        <p class="event-calendar">
          <a href={`/t/${topic.id}/event.ics`} download>
            <Icon name="calendar" size={15} /> {t("events:block.addToCalendar")}
          </a>
        </p>
        <div class="event-people-grid">
          <People title={t("events:people.going", { count: data.counts.going })} people={data.going} count={data.counts.going} />
          {data.counts.maybe > 0 ? <People title={t("events:people.maybe", { count: data.counts.maybe })} people={data.maybe} count={data.counts.maybe} /> : null}
          {data.canEdit && data.counts.waitlist > 0 ? (
            <People title={t("events:people.waitlist", { count: data.counts.waitlist })} people={data.waitlist} count={data.counts.waitlist} hint={t("events:people.waitlistHint")} />
          ) : null}
        </div>
        {data.canEdit ? <EventEditForm topicId={topic.id} form={{ values: eventFormValues(data), errors: {} }} /> : null}
      </aside>
    );
  },
  Badge({ topic }) {
    const { t, fmt } = useUi();
    const s = topic.typeSummary;
    if (s?.type !== "event") return null;
    return (
      <span class="badge badge-event">
        <Icon name="calendar" size={13} />{" "}
        <time datetime={s.startsAt.toISOString()} title={zoneName(s.timeZone, s.startsAt)}>
          {fmt.shortInZone(s.startsAt, s.timeZone)}
        </time>
        {s.myRsvp === "going" ? <span class="badge-event-mine"> · {t("events:list.youGoing")}</span> : s.myRsvp === "waitlist" ? <span class="badge-event-mine"> · {t("events:list.youWaiting")}</span> : null}
      </span>
    );
  },
  Fields({ form }) {
    return <EventInputs form={form} />;
  },
});
