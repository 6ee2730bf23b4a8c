import { sql } from "kysely";
import type { Ctx } from "../../ctx.js";

export interface Dashboard {
  members: number;
  topics: number;
  posts: number;
  newMembersToday: number;
  newPostsToday: number;
  /** Start of "today" (UTC) that the two counts above use. */
  since: Date;
  mail: "smtp" | "file";
  jobs: { pending: number; failed: number };
}

const count = sql<number>`count(*)`.as("n");

/** The admin dashboard's numbers: community size, today's activity, mail mode and job health. Admins only (the caller checks). */
export async function getDashboard(ctx: Ctx): Promise<Dashboard> {
  const now = ctx.clock();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const db = ctx.db;
  const [members, topics, posts, newMembers, newPosts, jobs] = await Promise.all([
    db.selectFrom("users").select(count).executeTakeFirstOrThrow(),
    db.selectFrom("topics").select(count).where("deleted_at", "is", null).executeTakeFirstOrThrow(),
    db.selectFrom("posts").select(count).where("deleted_at", "is", null).executeTakeFirstOrThrow(),
    db.selectFrom("users").select(count).where("created_at", ">=", since).executeTakeFirstOrThrow(),
    db.selectFrom("posts").select(count).where("created_at", ">=", since).where("deleted_at", "is", null).executeTakeFirstOrThrow(),
    db.selectFrom("jobs").select(["status", count]).where("status", "in", ["pending", "queued", "running", "failed"]).groupBy("status").execute(),
  ]);
  const byStatus = new Map(jobs.map((j) => [j.status, Number(j.n)]));
  return {
    members: Number(members.n),
    topics: Number(topics.n),
    posts: Number(posts.n),
    newMembersToday: Number(newMembers.n),
    newPostsToday: Number(newPosts.n),
    since,
    mail: ctx.mailer.kind,
    jobs: {
      pending: (byStatus.get("pending") ?? 0) + (byStatus.get("queued") ?? 0) + (byStatus.get("running") ?? 0),
      failed: byStatus.get("failed") ?? 0,
    },
  };
}
