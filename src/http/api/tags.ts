import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Ctx } from "../../domain/ctx.js";
import { listTags } from "../../domain/content/queries/listTags.js";

/** `GET /api/v1/tags`: the tags of topics the caller may see, with counts. */
export function tagsApi(app: FastifyInstance, ctx: Ctx): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/tags",
    {
      schema: {
        tags: ["tags"],
        summary: "Tags used by topics the caller may see, most used first",
        response: { 200: z.object({ tags: z.array(z.object({ name: z.string(), topicCount: z.number(), url: z.string() })) }) },
      },
    },
    async (req) => ({ tags: await listTags(ctx, req.actor) }),
  );
}
