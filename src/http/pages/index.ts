import type { FastifyInstance } from "fastify";
import type { Ctx } from "../../domain/ctx.js";
import { accountPages } from "./accounts.js";
import { adminPages } from "./admin/index.js";
import { authPages } from "./auth.js";
import { contentPages } from "./content.js";
import { listPages } from "./lists.js";
import { livePages } from "./live.js";
import { newTopicPages } from "./newTopic.js";
import { preferencePages } from "./preferences.js";
import { searchPages } from "./search.js";
import { seoPages } from "./seo.js";
import { setupPages } from "./setup.js";
import { topicPages } from "./topic.js";
import { questionPages } from "./questions.js";
import { ideaPages } from "./ideas.js";
import { reviewPages } from "./reviews.js";
import { pollPages } from "./polls.js";
import { eventPages } from "./events.js";
import { uploadPages } from "./uploads.js";
import { surveyPages } from "./surveys.js";

/** Paths that work before the community is set up. */
const BEFORE_SETUP = /^\/(setup|assets\/|healthz|api\/|preferences\/|robots\.txt)/;

/** Every HTML page. Until setup is done, every page leads to /setup. */
export async function registerPages(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addHook("preHandler", async (req, reply) => {
    if (req.settings && !req.settings.setupDone && !BEFORE_SETUP.test(req.url)) return reply.redirect("/setup", 303);
  });
  setupPages(app, ctx);
  seoPages(app, ctx);
  authPages(app, ctx);
  accountPages(app, ctx);
  preferencePages(app, ctx);
  listPages(app, ctx);
  topicPages(app, ctx);
  questionPages(app, ctx);
  ideaPages(app, ctx);
  reviewPages(app, ctx);
  pollPages(app, ctx);
  eventPages(app, ctx);
  uploadPages(app, ctx);
  surveyPages(app, ctx);
  newTopicPages(app, ctx);
  livePages(app, ctx);
  searchPages(app, ctx);
  contentPages(app, ctx);
  adminPages(app, ctx);
}
