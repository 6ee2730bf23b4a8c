import type { Actor } from "../../actor.js";
import { findPost, firstPostId } from "../../content/repo.js";
import { topicUrl } from "../../content/types.js";
import type { Ctx } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { eventIcs } from "../ics.js";
import { loadVisibleEvent } from "../load.js";
import { canSeeOnlineUrl } from "../policy.js";
import { rsvpOf } from "../repo.js";

/** The longest description a calendar file carries (the page has the rest). */
const DESCRIPTION_LIMIT = 2000;

/**
 * The event as an `.ics` file for this reader: its time, place, the online link when they may
 * have it, the start of its description and its address. Fails: not_found (also when hidden).
 */
export async function eventCalendarFile(ctx: Ctx, actor: Actor, topicId: number): Promise<Result<{ filename: string; body: string }>> {
  const found = await loadVisibleEvent(ctx, actor, topicId);
  if (!found) return err("not_found", "errors:topicNotFound");
  const { topic, event } = found;
  const postId = await firstPostId(ctx.db, topic.id);
  const post = postId ? await findPost(ctx.db, postId) : null;
  const mine = actor.kind === "user" ? ((await rsvpOf(ctx.db, topic.id, actor.id))?.status ?? null) : null;
  const link = event.onlineUrl && canSeeOnlineUrl(actor, { userId: topic.userId }, mine) ? event.onlineUrl : "";
  const url = ctx.config.baseUrl + topicUrl(topic);
  const text = post && !post.deleted ? post.body.trim() : "";
  const description = [text.length > DESCRIPTION_LIMIT ? `${text.slice(0, DESCRIPTION_LIMIT)}…` : text, link, url].filter(Boolean).join("\n\n");
  const body = eventIcs({
    uid: `event-${topic.id}@${new URL(ctx.config.baseUrl).host}`,
    title: topic.title,
    description,
    url,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    location: [event.place, link].filter(Boolean).join(" · "),
    updatedAt: event.updatedAt,
    now: ctx.clock(),
  });
  return ok({ filename: `${topic.slug || "event"}-${topic.id}.ics`, body });
}
