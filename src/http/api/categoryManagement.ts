import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { deleteCategory } from "../../domain/community/commands/deleteCategory.js";
import { setCategoryPermissions } from "../../domain/community/commands/setCategoryPermissions.js";
import { updateCategory } from "../../domain/community/commands/updateCategory.js";
import type { Ctx } from "../../domain/ctx.js";
import { sendApiError } from "../errors.js";
import { ErrorJson } from "./presenters.js";

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const Errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson };
const PermissionJson = z.object({
  groupId: z.number(),
  group: z.string().describe("built-in key (everyone, members, staff, moderators, admins) or the custom group's name"),
  level: z.enum(["see", "reply", "create"]),
});

/** Admin writes on categories: edit, delete (optionally moving topics), and per-group permissions. */
export function categoryManagementApi(app: FastifyInstance, ctx: Ctx): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.patch(
    "/api/v1/categories/:id",
    {
      schema: {
        tags: ["categories"],
        summary: "Edit a category (admins); fields left out stay as they are",
        params: IdParams,
        body: z.object({
          name: z.string().optional(),
          slug: z.string().optional(),
          description: z.string().optional(),
          color: z.string().optional().describe("#rrggbb"),
          parentId: z.number().int().nullable().optional().describe("a top-level category, or null for none"),
          position: z.number().int().optional(),
        }),
        response: { 200: z.object({ id: z.number(), slug: z.string(), url: z.string() }), ...Errors, 409: ErrorJson },
      },
    },
    async (req, reply) => {
      const res = await updateCategory(ctx, req.actor, { ...req.body, id: req.params.id });
      if (!res.ok) return sendApiError(req, reply, res);
      return { ...res.value, url: `/c/${encodeURIComponent(res.value.slug)}` };
    },
  );

  r.delete(
    "/api/v1/categories/:id",
    {
      schema: {
        tags: ["categories"],
        summary: "Delete a category (admins); one with topics needs moveTopicsTo",
        params: IdParams,
        querystring: z.object({ moveTopicsTo: z.coerce.number().int().positive().optional().describe("category that receives the topics") }),
        response: { 200: z.object({ id: z.number(), deleted: z.literal(true), movedTopics: z.number() }), ...Errors, 409: ErrorJson },
      },
    },
    async (req, reply) => {
      const res = await deleteCategory(ctx, req.actor, { id: req.params.id, moveTopicsTo: req.query.moveTopicsTo });
      if (!res.ok) return sendApiError(req, reply, res);
      return { id: req.params.id, deleted: true as const, movedTopics: res.value.movedTopics };
    },
  );

  r.put(
    "/api/v1/categories/:id/permissions",
    {
      schema: {
        tags: ["categories"],
        summary: "Replace which groups may see, reply in and start topics in a category (admins); [] makes it public",
        params: IdParams,
        body: z.object({ permissions: z.array(z.object({ groupId: z.number().int(), level: z.enum(["see", "reply", "create"]) })) }),
        response: { 200: z.object({ id: z.number(), public: z.boolean(), permissions: z.array(PermissionJson) }), ...Errors },
      },
    },
    async (req, reply) => {
      const res = await setCategoryPermissions(ctx, req.actor, { id: req.params.id, permissions: req.body.permissions });
      if (!res.ok) return sendApiError(req, reply, res);
      const groups = await ctx.cache.groups();
      return {
        id: req.params.id,
        public: res.value.permissions.length === 0,
        permissions: res.value.permissions.map((p) => {
          const g = groups.byId.get(p.groupId);
          return { groupId: p.groupId, group: g?.key ?? g?.name ?? "", level: p.level };
        }),
      };
    },
  );
}
