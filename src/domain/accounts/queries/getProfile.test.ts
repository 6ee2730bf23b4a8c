import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, testApp } from "../../../../test/harness.js";
import { makeCategory, makeTopic, makeUser } from "../../../../test/factories.js";
import { anonymous } from "../../actor.js";
import { updateProfile } from "../commands/updateProfile.js";
import { getProfile } from "./getProfile.js";

describe("getProfile", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it("shows public facts, a sanitized bio and only the topics the reader may see", async () => {
    const open = await makeCategory(t.ctx);
    const hidden = await makeCategory(t.ctx);
    const groups = await t.ctx.cache.groups();
    await t.ctx.db.insertInto("category_permissions").values({ category_id: hidden.id, group_id: groups.builtin.staff, level: "create" }).execute();
    t.ctx.cache.invalidate("categories");
    const author = await makeUser(t.ctx, { staff: true, name: "Support Sato" });
    await updateProfile(t.ctx, author, { name: "Support Sato", bio: "Hi <script>alert(1)</script> **there**" });
    await makeTopic(t.ctx, author, { categoryId: open.id, title: "Open topic for everyone" });
    await makeTopic(t.ctx, author, { categoryId: hidden.id, title: "Staff-only planning" });

    const asVisitor = await getProfile(t.ctx, anonymous, author.username.toUpperCase());
    expect(asVisitor.ok).toBe(true);
    if (!asVisitor.ok) return;
    const p = asVisitor.value;
    expect(p).toMatchObject({ id: author.id, username: author.username, name: "Support Sato", staff: true, topicCount: 2, postCount: 2 });
    expect(p.bioHtml).toContain("<strong>there</strong>");
    expect(p.bioHtml).not.toContain("<script");
    expect(p.recentTopics.map((x) => x.title)).toEqual(["Open topic for everyone"]);
    expect(Object.keys(p)).not.toContain("email");

    const asStaff = await getProfile(t.ctx, await makeUser(t.ctx, { staff: true }), author.username);
    if (!asStaff.ok) throw new Error("profile");
    expect(asStaff.value.recentTopics.map((x) => x.title)).toEqual(["Staff-only planning", "Open topic for everyone"]);
  });

  it("answers not_found for an unknown username", async () => {
    expect(await getProfile(t.ctx, anonymous, "no_such_person")).toMatchObject({ ok: false, code: "not_found" });
  });
});
