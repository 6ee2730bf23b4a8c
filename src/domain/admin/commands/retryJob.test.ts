import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../../../test/harness.js";
import { makeUser } from "../../../../test/factories.js";
import { actorOf, auditRows } from "../../../../test/audit.js";
import { toDate } from "../../../db/codec.js";
import { anonymous, type UserActor } from "../../actor.js";
import { getJobsOverview } from "../queries/getJobsOverview.js";
import { retryJob } from "./retryJob.js";

let t: TestApp;
let admin: UserActor;
let member: UserActor;
beforeAll(async () => {
  // The worker starts only in the last test, to show that a retried job really runs again.
  t = await testApp({ startJobs: false });
  admin = await actorOf(t.ctx, t.adminId);
  member = await makeUser(t.ctx);
});
afterAll(() => t.close());

async function failedJob(kind = "test.unknown"): Promise<number> {
  const now = new Date();
  const payload = JSON.stringify({ topicId: 1, postId: 1, postNumber: 1, categoryId: 1 });
  const row = await t.ctx.db
    .insertInto("jobs")
    .values({ kind, payload, status: "failed", attempts: 5, max_attempts: 5, run_at: now, created_at: now, finished_at: now, last_error: "Error: SMTP said no\n    at send (mail.ts:1)" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
const job = (id: number) => t.ctx.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("retryJob", () => {
  it("refuses visitors, members, bad ids and unknown jobs", async () => {
    const id = await failedJob();
    expect(await retryJob(t.ctx, anonymous, { id })).toMatchObject({ code: "unauthenticated" });
    expect(await retryJob(t.ctx, member, { id })).toMatchObject({ code: "forbidden" });
    expect(await retryJob(t.ctx, admin, { id: "one" })).toMatchObject({ code: "invalid" });
    expect(await retryJob(t.ctx, admin, { id: 99999999 })).toMatchObject({ code: "not_found" });
    expect((await job(id)).status).toBe("failed");
  });

  it("only retries failed jobs", async () => {
    const id = await failedJob();
    await t.ctx.db.updateTable("jobs").set({ status: "done" }).where("id", "=", id).execute();
    expect(await retryJob(t.ctx, admin, { id })).toMatchObject({ code: "conflict", messageKey: "admin:jobs.notFailed" });
  });

  it("makes a failed job pending and due with no attempts, records it, and the worker runs it", async () => {
    const id = await failedJob("live.publishPost");
    const overview = await getJobsOverview(t.ctx);
    expect(overview.failed.map((j) => j.id)).toContain(id);
    expect(overview.counts.failed).toBeGreaterThanOrEqual(1);
    const before = Date.now();
    expect(await retryJob(t.ctx, admin, { id: String(id) })).toEqual({ ok: true, value: null });
    const row = await job(id);
    expect(row).toMatchObject({ status: "pending", attempts: 0, finished_at: null });
    expect(toDate(row.run_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await auditRows(t.ctx, "job.retry", id))[0]).toMatchObject({ actorId: admin.id, targetType: "job", data: { kind: "live.publishPost", attempts: 5 } });
    expect((await getJobsOverview(t.ctx)).failed.map((j) => j.id)).not.toContain(id);
    t.app.startJobs();
    await t.ctx.jobs.drain();
    expect(await job(id)).toMatchObject({ status: "done", attempts: 1, last_error: null });
  });
});
