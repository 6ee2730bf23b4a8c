import { type Actor, isModerator } from "../actor.js";
import type { Ctx } from "../ctx.js";
import { type Failure, err } from "../../lib/result.js";

const LIMITS = {
  topic: { limit: 10, windowSec: 600 },
  reply: { limit: 30, windowSec: 60 },
  edit: { limit: 60, windowSec: 60 },
  upload: { limit: 60, windowSec: 600 },
} as const;

/** Members are limited in how fast they post; moderators and admins are not. Null when allowed. */
export async function postingLimit(ctx: Ctx, actor: Actor, kind: keyof typeof LIMITS): Promise<Failure | null> {
  if (actor.kind !== "user" || isModerator(actor)) return null;
  const { limit, windowSec } = LIMITS[kind];
  const r = await ctx.limiter.hit(`post:${kind}:${actor.id}`, Math.ceil(limit * ctx.config.rateLimitFactor), windowSec);
  return r.allowed ? null : err("rate_limited", "errors:rateLimitedPosting", { params: { retryAfter: r.retryAfterSec } });
}
