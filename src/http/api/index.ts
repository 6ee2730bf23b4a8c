import type { FastifyInstance } from "fastify";
import type { Ctx } from "../../domain/ctx.js";
import { categoriesApi } from "./categories.js";
import { searchApi } from "./search.js";
import { meApi } from "./me.js";
import { contentApi } from "./content.js";
import { categoryManagementApi } from "./categoryManagement.js";
import { topicsApi } from "./topics.js";
import { usersApi } from "./users.js";
import { questionsApi } from "./questions.js";
import { ideasApi } from "./ideas.js";
import { reviewsApi } from "./reviews.js";
import { pollsApi } from "./polls.js";
import { eventsApi } from "./events.js";
import { uploadsApi } from "./uploads.js";
import { surveysApi } from "./surveys.js";

/** Every `/api/v1` resource. Each file registers one resource's routes with zod schemas. */
export async function registerApi(app: FastifyInstance, ctx: Ctx): Promise<void> {
  categoriesApi(app, ctx);
  categoryManagementApi(app, ctx);
  topicsApi(app, ctx);
  searchApi(app, ctx);
  usersApi(app, ctx);
  meApi(app, ctx);
  contentApi(app, ctx);
  questionsApi(app, ctx);
  ideasApi(app, ctx);
  reviewsApi(app, ctx);
  pollsApi(app, ctx);
  eventsApi(app, ctx);
  uploadsApi(app, ctx);
  surveysApi(app, ctx);
}
