import type { Ctx } from "../ctx.js";
import type { JobRegistry } from "../../jobs/registry.js";

/** A new post, published to `topic:<id>` for open topic pages. */
export interface LivePost {
  postId: number;
  postNumber: number;
}

/** Activity anywhere, published to `activity`; receivers keep only categories their reader may see. */
export interface LiveActivity {
  topicId: number;
  categoryId: number;
  postId: number;
}

/** Live fan-out of new posts, run as a job after the post committed. */
export function registerContentJobs(registry: JobRegistry): void {
  registry.on(
    "post.created",
    "live.publishPost",
    async (ctx: Ctx, p) => {
      const topicId = Number(p.topicId);
      ctx.bus.publish(`topic:${topicId}`, { postId: Number(p.postId), postNumber: Number(p.postNumber) } satisfies LivePost);
      ctx.bus.publish("activity", { topicId, categoryId: Number(p.categoryId), postId: Number(p.postId) } satisfies LiveActivity);
    },
    { maxAttempts: 2 },
  );
}
