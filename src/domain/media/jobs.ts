import type { JobRegistry } from "../../jobs/registry.js";
import { cookPost } from "../content/cook.js";
import { cookMarkdown } from "../content/markdown.js";
import { type PostRecord, findPosts } from "../content/repo.js";
import type { Ctx } from "../ctx.js";
import { PREVIEW_LIMITS, fetchPreview } from "./linkPreview.js";
import { linkPreviews, saveLinkPreview, setPostUploads, uploadsByKeys } from "./repo.js";

/** How long a fetched preview is trusted before a new post linking it fetches it again. */
const PREVIEW_MAX_AGE_MS = 7 * 86_400_000;
/** At most this many previews are fetched for one post. */
const PREVIEWS_PER_POST = 5;

/**
 * After posts are saved (read together in one query): record which uploads each uses (so readers
 * of the post may fetch them), and fetch previews of links standing alone on their lines, then
 * cook the post again with the cards. Runs as a job, never on the request path; a page that
 * cannot be fetched stays a link. `created`: the posts are new, so they have no references yet.
 */
export async function processPostsMedia(ctx: Ctx, postIds: number[], opts: { created: boolean }): Promise<void> {
  const posts = await findPosts(ctx.db, postIds);
  await Promise.all(posts.map((post) => processPostMedia(ctx, post, opts)));
}

async function processPostMedia(ctx: Ctx, post: PostRecord, opts: { created: boolean }): Promise<void> {
  const parsed = cookMarkdown(post.body);
  const uploads = await uploadsByKeys(ctx.db, parsed.uploadKeys);
  // A first post also carries what its topic shows beside the text (an article's cover).
  const beside = post.postNumber === 1 ? await ctx.db.selectFrom("articles").select("cover_upload_id").where("topic_id", "=", post.topicId).where("cover_upload_id", "is not", null).execute() : [];
  const uploadIds = [...[...uploads.values()].map((u) => u.id), ...beside.map((a) => a.cover_upload_id!)];
  // A new post has no references to replace, so one that uses no uploads needs no write.
  if (uploadIds.length > 0 || !opts.created) await setPostUploads(ctx.db, post.id, uploadIds);

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
    }
  }
  if (uploads.size > 0 || (settings.linkPreviews && parsed.previewUrls.length > 0)) {
    // Cooked again with sizes and cards; only if nobody edited the post meanwhile.
    const cooked = await cookPost(ctx, ctx.db, post.body);
    const res = await ctx.db.updateTable("posts").set({ cooked: cooked.html }).where("id", "=", post.id).where("body", "=", post.body).where("cooked", "!=", cooked.html).executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) ctx.cache.invalidate("pages");
  }
}

export function registerMediaJobs(registry: JobRegistry): void {
  const run = (created: boolean) => async (ctx: Ctx, payloads: Array<Record<string, unknown>>) => {
    const postIds = payloads.map((p) => Number(p.postId)).filter((id) => Number.isSafeInteger(id) && id > 0);
    await processPostsMedia(ctx, postIds, { created });
  };
  registry.onBatch("post.created", "media.postCreated", run(true));
  registry.onBatch("post.edited", "media.postEdited", run(false));
}
