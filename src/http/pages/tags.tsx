import type { FastifyInstance } from "fastify";
import type { Ctx } from "../../domain/ctx.js";
import { listTags } from "../../domain/content/queries/listTags.js";
import { TagIndex } from "../../render/components/TagIndex.js";
import { sendPage } from "../render.js";

/** `/tags`: every tag with topics the reader may see (each tag's own page is in lists.tsx). */
export function tagPages(app: FastifyInstance, ctx: Ctx): void {
  app.get("/tags", async (req, reply) => {
    const tags = await listTags(ctx, req.actor);
    return sendPage(ctx, req, reply, () => <TagIndex tags={tags} />, { title: req.t("content:tags.title"), seo: { canonical: "/tags" } });
  });
}
