import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { createCategory } from "../../domain/community/commands/createCategory.js";
import { listCategories } from "../../domain/community/queries/listCategories.js";
import type { Ctx } from "../../domain/ctx.js";
import { sendApiError } from "../errors.js";
import { CategoryJson, ErrorJson, presentCategory } from "./presenters.js";

export function categoriesApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/v1/categories",
    {
      schema: {
        tags: ["categories"],
        summary: "Categories the caller may see, as a tree",
        response: { 200: z.object({ categories: z.array(CategoryJson) }) },
      },
    },
    async (req) => ({ categories: (await listCategories(ctx, req.actor)).map(presentCategory) }),
  );

  r.post(
    "/api/v1/categories",
    {
      schema: {
        tags: ["categories"],
        summary: "Create a category (admins)",
        body: z.object({
          name: z.string(),
          slug: z.string().optional(),
          description: z.string().optional(),
          color: z.string().optional().describe("#rrggbb"),
          parentId: z.number().int().optional(),
          position: z.number().int().optional(),
        }),
        response: { 201: z.object({ id: z.number(), slug: z.string(), url: z.string() }), 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 409: ErrorJson },
      },
    },
    async (req, reply) => {
      const res = await createCategory(ctx, req.actor, req.body);
      if (!res.ok) return sendApiError(req, reply, res);
      return reply.status(201).send({ ...res.value, url: `/c/${encodeURIComponent(res.value.slug)}` });
    },
  );
}
