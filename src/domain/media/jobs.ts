import type { JobRegistry } from "../../jobs/registry.js";
import { cookPost } from "../content/cook.js";
import { cookMarkdown } from "../content/markdown.js";
import { findPost } from "../content/repo.js";
import type { Ctx } from "../ctx.js";
import { PREVIEW_LIMITS, fetchPreview } from "./linkPreview.js";
import { linkPreviews, saveLinkPreview, setPostUploads, uploadsByKeys } from "./repo.js";

/** How long a fetched preview is trusted before a new post linking it fetches it again. */
const PREVIEW_MAX_AGE_MS = 7 * 86_400_000;
/** At most this many previews are fetched for one post. */
const PREVIEWS_PER_POST = 5;

/**
 * After a post is saved: record which uploads it uses (so readers of the post may fetch them),
 * and fetch previews of links standing alone on their lines, then cook the post again with the
 * cards. Runs as a job, never on the request path; a page that cannot be fetched stays a link.
 */
export async function processPostMedia(ctx: Ctx, postId: number): Promise<{ uploads: number; previews: number }> {
  const post = await findPost(ctx.db, postId);
  if (!post) return { uploads: 0, previews: 0 };
  const parsed = cookMarkdown(post.body);
  const uploads = await uploadsByKeys(ctx.db, parsed.uploadKeys);
  // A first post also carries what its topic shows beside the text (an article's cover).
  const beside = post.postNumber === 1 ? await ctx.db.selectFrom("articles").select("cover_upload_id").where("topic_id", "=", post.topicId).where("cover_upload_id", "is not", null).execute() : [];
  await setPostUploads(ctx.db, post.id, [...[...uploads.values()].map((u) => u.id), ...beside.map((a) => a.cover_upload_id!)]);

  let fetched = 0;
  const settings = await ctx.cache.settings();
  if (settings.linkPreviews && parsed.previewUrls.length > 0) {
    const known = await linkPreviews(ctx.db, parsed.previewUrls);
    const now = ctx.clock();
    const stale = parsed.previewUrls.filter((url) => {
      const p = known.get(url);
      return !p || now.getTime() - p.fetchedAt.getTime() > PREVIEW_MAX_AGE_MS;
    });
    for (const url of stale.slice(0, PREVIEWS_PER_POST)) {
      const preview = await fetchPreview(url, { ...PREVIEW_LIMITS, allowPrivate: ctx.config.previewPrivateHosts });
      await saveLinkPreview(ctx.db, { url, ...preview }, ctx.clock());
      if (preview.status === "ok") fetched++;
    }
  }
  if (uploads.size > 0 || (settings.linkPreviews && parsed.previewUrls.length > 0)) {
    // Cooked again with sizes and cards; only if nobody edited the post meanwhile.
    const cooked = await cookPost(ctx, ctx.db, post.body);
    const res = await ctx.db.updateTable("posts").set({ cooked: cooked.html }).where("id", "=", post.id).where("body", "=", post.body).where("cooked", "!=", cooked.html).executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) ctx.cache.invalidate("pages");
  }
  return { uploads: uploads.size, previews: fetched };
}

export function registerMediaJobs(registry: JobRegistry): void {
  const run = async (ctx: Ctx, p: Record<string, unknown>) => {
    const postId = Number(p.postId);
    if (Number.isSafeInteger(postId) && postId > 0) await processPostMedia(ctx, postId);
  };
  registry.on("post.created", "media.postCreated", run);
  registry.on("post.edited", "media.postEdited", run);
}
