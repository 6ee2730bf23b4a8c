import type Sharp from "sharp";
import crypto from "node:crypto";
import { system } from "../domain/actor.js";
import type { UserActor } from "../domain/actor.js";
import { createUser } from "../domain/accounts/commands/createUser.js";
import { findUserByUsername } from "../domain/accounts/repo.js";
import { actorFor } from "../domain/accounts/sessions.js";
import { createCategory } from "../domain/community/commands/createCategory.js";
import { setupCommunity } from "../domain/community/commands/setupCommunity.js";
import type { Locale } from "../domain/community/types.js";
import type { Ctx } from "../domain/ctx.js";
import { createPost } from "../domain/content/commands/createPost.js";
import { createTopic } from "../domain/content/commands/createTopic.js";
import { reindexAll } from "../domain/search/indexing.js";
import { acceptAnswer } from "../domain/questions/commands/acceptAnswer.js";
import { setIdeaStatus } from "../domain/ideas/commands/setIdeaStatus.js";
import { voteForIdea } from "../domain/ideas/commands/vote.js";
import { type Failure, type Result, err, ok } from "../lib/result.js";
import { createProduct } from "../domain/reviews/commands/products.js";
import { rsvp } from "../domain/events/commands/rsvp.js";
import { createUpload } from "../domain/media/commands/createUpload.js";
import { dayIn, parseWallClock, zonedToUtc } from "../lib/timezone.js";
import { DEMO_CATEGORIES, DEMO_MEMBERS, DEMO_PRODUCTS, DEMO_THREADS, type DemoThread } from "./demoText.js";
import { onDemand } from "../lib/onDemand.js";

const loadSharp = onDemand<typeof Sharp>("sharp");

export interface SeedDemoOptions {
  /** The community's language when the seed also sets it up. */
  locale: Locale;
  /** Password of every demo account (a random one when absent). */
  password?: string;
  /**
   * Moves the app's clock on by some minutes between posts, so a demo made with a clock that
   * starts in the past reads like weeks of conversation rather than one instant.
   */
  advance?: (minutes: number) => void;
}

export interface SeededDemo {
  /** The admin the seed created, or null when the community was set up already. */
  admin: string | null;
  password: string;
  members: number;
  topics: number;
  posts: number;
}

function must<T>(r: Result<T>, what: string): T {
  if (!r.ok) throw new Error(`seed: ${what} failed: ${JSON.stringify(r as Failure)}`);
  return r.value;
}

async function demoActor(ctx: Ctx, username: string): Promise<UserActor> {
  return actorFor(ctx, (await findUserByUsername(ctx.db, username))!);
}

/** An article's fields, with a cover drawn here (two colours and soft shapes) and uploaded by its author. */
async function demoArticleFields(ctx: Ctx, author: UserActor, a: NonNullable<DemoThread["article"]>) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="640"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a.cover[0]}"/><stop offset="1" stop-color="${a.cover[1]}"/></linearGradient></defs><rect width="1600" height="640" fill="url(#g)"/><circle cx="1280" cy="120" r="260" fill="#fff" fill-opacity="0.12"/><circle cx="260" cy="560" r="200" fill="#fff" fill-opacity="0.10"/><rect x="640" y="220" width="420" height="220" rx="28" fill="#fff" fill-opacity="0.16"/></svg>`;
  const png = await loadSharp()(Buffer.from(svg)).png().toBuffer();
  const cover = must(await createUpload(ctx, author, { filename: "cover.png", data: png }), "article cover");
  return { kind: a.kind, summary: a.summary, coverKey: cover.key };
}

/** An event's fields `inDays` after `now`, at its local start time in its zone. */
function demoEventFields(e: NonNullable<DemoThread["event"]>, now: Date) {
  const day = dayIn(new Date(now.getTime() + e.inDays * 86_400_000), e.zone);
  const starts = zonedToUtc(parseWallClock(`${day}T${e.start}`)!, e.zone);
  const ends = new Date(starts.getTime() + e.hours * 3_600_000);
  return { startsAt: starts.toISOString(), endsAt: ends.toISOString(), timeZone: e.zone, place: e.place ?? "", onlineUrl: e.onlineUrl ?? "", capacity: e.capacity ?? null };
}

/**
 * Fills a community with a believable Japanese/English demo: staff and members, seven categories, two products to review, two upcoming events, a customer story,
 * conversations with replies — all through the same commands the web uses, then indexes them for
 * search. Sets the community up first when nobody has. Fails: conflict (the demo is there already).
 * The caller's config should relax posting limits (the seed posts faster than any member may).
 */
export async function seedDemo(ctx: Ctx, opts: SeedDemoOptions): Promise<Result<SeededDemo>> {
  if (await findUserByUsername(ctx.db, DEMO_MEMBERS[0].username)) return err("conflict");
  const password = opts.password ?? crypto.randomBytes(9).toString("base64url");
  const settings = await ctx.cache.settings();
  let admin: string | null = null;
  if (!settings.setupDone) {
    const siteName = opts.locale === "ja" ? "Hiroba デモコミュニティ" : "Hiroba demo community";
    must(await setupCommunity(ctx, { siteName, locale: opts.locale, username: "admin", email: "admin@example.com", password }), "setup");
    admin = "admin";
  }
  for (const m of DEMO_MEMBERS) {
    const res = await createUser(ctx, system, {
      username: m.username,
      email: `${m.username}@example.com`,
      password,
      name: m.name,
      role: m.role ?? "member",
      staff: m.staff ?? false,
    });
    const { id } = must(res, `user ${m.username}`);
    if (m.title) await ctx.db.updateTable("users").set({ title: m.title, locale: m.locale }).where("id", "=", id).execute();
  }
  const categoryIds = new Map<string, number>();
  for (const [position, c] of DEMO_CATEGORIES.entries()) {
    const slug = (await ctx.db.selectFrom("categories").select("id").where("slug", "=", c.slug).executeTakeFirst()) ? `${c.slug}-demo` : c.slug;
    const created = must(await createCategory(ctx, system, { name: c.name[opts.locale], slug, description: c.description[opts.locale], color: c.color, position: position + 10, contentType: c.contentType }), `category ${c.slug}`);
    categoryIds.set(c.slug, created.id);
  }
  const productIds = new Map<string, number>();
  for (const p of DEMO_PRODUCTS) {
    const taken = await ctx.db.selectFrom("products").select("id").where("slug", "=", p.slug).executeTakeFirst();
    const created = must(await createProduct(ctx, system, { name: p.name[opts.locale], slug: taken ? `${p.slug}-demo` : p.slug, description: p.description[opts.locale] }), `product ${p.slug}`);
    productIds.set(p.slug, created.id);
  }
  const speakers = { ja: DEMO_MEMBERS.filter((m) => m.locale === "ja"), en: DEMO_MEMBERS.filter((m) => m.locale === "en") };
  let posts = 0;
  for (const [i, thread] of DEMO_THREADS.entries()) {
    const voices = speakers[thread.locale];
    const asker = await demoActor(ctx, voices[(i + 2) % voices.length].username);
    opts.advance?.(600 + ((i * 379) % 900));
    const review = thread.review ? { productId: productIds.get(thread.review.product), rating: thread.review.rating } : undefined;
    // Events are the staff's: they organise them.
    const organiser = thread.event ? await demoActor(ctx, voices.find((m) => m.staff)!.username) : asker;
    const event = thread.event ? demoEventFields(thread.event, ctx.clock()) : undefined;
    const author = thread.article ? await demoActor(ctx, voices.find((m) => m.staff)!.username) : organiser;
    const article = thread.article ? await demoArticleFields(ctx, author, thread.article) : undefined;
    const topic = must(await createTopic(ctx, author, { categoryId: categoryIds.get(thread.category), title: thread.title, body: thread.body, tags: thread.tags, review, event, article }), `topic ${i}`);
    posts++;
    const replyIds: number[] = [];
    for (const [j, body] of thread.replies.entries()) {
      // Staff answer the second reply of each thread; the asker comes back to say what worked.
      const staff = voices.find((m) => m.staff)!;
      // Under a review only staff and the reviewer reply: staff first, then the reviewer.
      const who = thread.review ? (j % 2 === 0 ? staff.username : null) : j === 1 ? staff.username : j === 2 ? null : voices[(i + j + 3) % voices.length].username;
      const author = who ? await demoActor(ctx, who) : asker;
      opts.advance?.(20 + ((i * 7 + j * 53) % 240));
      replyIds.push(must(await createPost(ctx, author, { topicId: topic.id, body }), `reply ${i}.${j}`).id);
      posts++;
    }
    const category = DEMO_CATEGORIES.find((c) => c.slug === thread.category)!;
    if (thread.accept !== undefined && category.contentType === "question") {
      must(await acceptAnswer(ctx, asker, { topicId: topic.id, postId: replyIds[thread.accept] }), `accept ${i}`);
    }
    if (category.contentType === "idea") {
      const voters = DEMO_MEMBERS.filter((m) => !m.staff).slice(0, thread.votes ?? 0);
      for (const m of voters) must(await voteForIdea(ctx, await demoActor(ctx, m.username), { topicId: topic.id }), `vote ${i}`);
      if (thread.status) must(await setIdeaStatus(ctx, await demoActor(ctx, voices.find((m) => m.staff)!.username), { topicId: topic.id, ...thread.status }), `idea status ${i}`);
    }
    if (thread.event) {
      const coming = DEMO_MEMBERS.filter((m) => !m.staff).slice(0, thread.event.going);
      for (const m of coming) must(await rsvp(ctx, await demoActor(ctx, m.username), { topicId: topic.id, status: "going" }), `rsvp ${i}`);
    }
  }
  await reindexAll(ctx);
  return ok({ admin, password, members: DEMO_MEMBERS.length, topics: DEMO_THREADS.length, posts });
}
