import type { FastifyInstance } from "fastify";
import type { Ctx } from "../../domain/ctx.js";
import { categoriesApi } from "./categories.js";
import { categoryManagementApi } from "./categoryManagement.js";
import { topicsApi } from "./topics.js";

/** Every `/api/v1` resource. Each file registers one resource's routes with zod schemas. */
export async function registerApi(app: FastifyInstance, ctx: Ctx): Promise<void> {
  categoriesApi(app, ctx);
  categoryManagementApi(app, ctx);
  topicsApi(app, ctx);
}
