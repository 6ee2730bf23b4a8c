import crypto from "node:crypto";
import { system } from "../src/domain/actor.js";
import { createUser } from "../src/domain/accounts/commands/createUser.js";
import { findUserById } from "../src/domain/accounts/repo.js";
import { actorFor } from "../src/domain/accounts/sessions.js";
import type { UserActor } from "../src/domain/actor.js";
import { createCategory } from "../src/domain/community/commands/createCategory.js";
import type { Ctx } from "../src/domain/ctx.js";
import { createPost } from "../src/domain/content/commands/createPost.js";
import { createTopic } from "../src/domain/content/commands/createTopic.js";

export const PASSWORD = "correct horse battery";
const unique = () => crypto.randomBytes(4).toString("hex");

function must<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error("factory failed: " + JSON.stringify(r));
  return r.value;
}

/** A user (member by default, e-mail verified) and their actor. Password: PASSWORD. */
export async function makeUser(
  ctx: Ctx,
  opts: { username?: string; role?: "admin" | "moderator" | "member"; staff?: boolean; verified?: boolean; name?: string } = {},
): Promise<UserActor> {
  const username = opts.username ?? `user_${unique()}`;
  const { id } = must(
    await createUser(ctx, system, {
      username,
      email: `${username}@example.com`,
      password: PASSWORD,
      name: opts.name ?? "",
      role: opts.role ?? "member",
      staff: opts.staff ?? false,
      emailVerified: opts.verified ?? true,
    }),
  );
  return actorFor(ctx, (await findUserById(ctx.db, id))!);
}

export async function makeCategory(ctx: Ctx, opts: { name?: string; slug?: string; parentId?: number } = {}): Promise<{ id: number; slug: string }> {
  const slug = opts.slug ?? `cat-${unique()}`;
  return must(await createCategory(ctx, system, { name: opts.name ?? `Category ${slug}`, slug, parentId: opts.parentId }));
}

export async function makeTopic(
  ctx: Ctx,
  actor: UserActor,
  opts: { categoryId: number; title?: string; body?: string; tags?: string[] },
): Promise<{ id: number; postId: number; url: string }> {
  return must(
    await createTopic(ctx, actor, {
      categoryId: opts.categoryId,
      title: opts.title ?? `A topic ${unique()}`,
      body: opts.body ?? "Some words about it.",
      tags: opts.tags ?? [],
    }),
  );
}

export async function makeReply(ctx: Ctx, actor: UserActor, topicId: number, body = "A reply."): Promise<{ id: number; postNumber: number }> {
  return must(await createPost(ctx, actor, { topicId, body }));
}
