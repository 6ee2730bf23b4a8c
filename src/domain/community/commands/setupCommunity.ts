import { z } from "zod";
import { type Ctx, transact } from "../../ctx.js";
import { type Result, err, ok } from "../../../lib/result.js";
import { parseInput } from "../../../lib/validation.js";
import { hashPassword } from "../../accounts/password.js";
import { insertUser } from "../../accounts/repo.js";
import { Email, Password, Username } from "../../accounts/schemas.js";
import { grantArticleDefaults, saveSettings } from "../repo.js";
import { LOCALES } from "../types.js";

export const SetupInput = z.object({
  siteName: z.string().trim().min(1).max(80),
  locale: z.enum(LOCALES as ["ja", "en"]),
  username: Username,
  email: Email,
  password: Password,
});

const STARTER_CATEGORIES = {
  ja: [
    { slug: "general", name: "一般", description: "製品やサービスについて、なんでも気軽にどうぞ。", color: "#2563eb", contentType: "discussion" },
    { slug: "announcements", name: "お知らせ", description: "スタッフからのお知らせや記事です。", color: "#dc2626", contentType: "article" },
  ],
  en: [
    { slug: "general", name: "General", description: "Ask anything about our products and services.", color: "#2563eb", contentType: "discussion" },
    { slug: "announcements", name: "Announcements", description: "News and articles from the team.", color: "#dc2626", contentType: "article" },
  ],
};

/**
 * The first-run setup: names the community, sets its default language, creates the first admin
 * and two starter categories (a general discussion one, and announcements where staff publish
 * articles and members comment). Runs once. Fails: invalid, conflict (already set up).
 */
export async function setupCommunity(ctx: Ctx, input: unknown): Promise<Result<{ userId: number }>> {
  const parsed = parseInput(SetupInput, input);
  if (!parsed.ok) return parsed;
  const settings = await ctx.cache.settings();
  if (settings.setupDone) return err("conflict", "errors:alreadySetUp");
  const v = parsed.value;
  const passwordHash = await hashPassword(v.password);
  const now = ctx.clock();
  const userId = await transact(ctx, async (trx) => {
    // Re-checked inside the transaction: two simultaneous setups must not both succeed.
    const admins = await trx.selectFrom("users").select("id").where("role", "=", "admin").limit(1).execute();
    if (admins.length > 0) return null;
    const id = await insertUser(
      trx,
      { username: v.username, email: v.email, name: v.username, passwordHash, role: "admin", staff: true, locale: null, emailVerified: true },
      now,
    );
    await saveSettings(trx, { name: v.siteName, defaultLocale: v.locale, setupDone: true }, now);
    const existing = await trx.selectFrom("categories").select("id").limit(1).execute();
    if (existing.length === 0) {
      let position = 0;
      for (const { contentType, ...c } of STARTER_CATEGORIES[v.locale]) {
        const row = await trx.insertInto("categories").values({ ...c, parent_id: null, position: position++, content_type: contentType, created_at: now, updated_at: now }).returning("id").executeTakeFirstOrThrow();
        if (contentType === "article") await grantArticleDefaults(trx, row.id);
      }
    }
    return id;
  });
  if (userId === null) return err("conflict", "errors:alreadySetUp");
  ctx.cache.invalidate("settings");
  ctx.cache.invalidate("categories");
  return ok({ userId });
}
