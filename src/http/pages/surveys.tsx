import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Ctx } from "../../domain/ctx.js";
import { respondToSurvey } from "../../domain/surveys/commands/respond.js";
import { saveSurvey } from "../../domain/surveys/commands/saveSurvey.js";
import { MAX_QUESTIONS, canManageSurveys } from "../../domain/surveys/policy.js";
import { type SurveyPage, getSurvey, getSurveyResults, listSurveys, surveyCsv } from "../../domain/surveys/queries/surveys.js";
import { findSurvey, questionsOf } from "../../domain/surveys/repo.js";
import type { Failure } from "../../lib/result.js";
import { type BuilderForm, SurveyBuilderPage, SurveyListPage, SurveyResultsPage, SurveyTakePage } from "../../render/components/surveys.js";
import { STATUS, failureMessage, translateFields } from "../errors.js";
import { toId } from "../forms.js";
import { redirectLocal, sendPage, setFlash } from "../render.js";
import { sendErrorPage } from "./errorPage.js";

type Body = Record<string, unknown>;
const list = (v: unknown): string[] => (v === undefined ? [] : [v].flat().map(String));
const str = (v: unknown) => (typeof v === "string" ? v : "");

/** The builder form's question slots as the command's questions, remembering which slot each came from. */
function questionsFromForm(body: Body): { questions: Array<Record<string, string>>; slotOf: number[] } {
  const questions: Array<Record<string, string>> = [];
  const slotOf: number[] = [];
  for (let i = 0; i < MAX_QUESTIONS; i++) {
    const prompt = str(body[`q.${i}.prompt`]).trim();
    if (!prompt) continue;
    questions.push({ prompt, kind: str(body[`q.${i}.kind`]), options: str(body[`q.${i}.options`]), required: list(body[`q.${i}.required`]).includes("on") ? "on" : "off" });
    slotOf.push(i);
  }
  return { questions, slotOf };
}

/** Surveys: the list, taking one, and for staff the builder, the results and the CSV (forms: POST → redirect → GET). */
export function surveyPages(app: FastifyInstance, ctx: Ctx): void {
  app.get("/surveys", async (req, reply) => {
    const { surveys, canManage } = await listSurveys(ctx, req.actor);
    return sendPage(ctx, req, reply, () => <SurveyListPage surveys={surveys} canManage={canManage} />, { title: req.t("surveys:title"), seo: { description: req.t("surveys:lead") } });
  });

  const builder = async (req: FastifyRequest, reply: FastifyReply, id: number | null, form: BuilderForm, failure?: Failure) => {
    const groups = (await ctx.cache.groups()).list;
    const locked = id !== null && ((await findSurvey(ctx.db, id))?.responseCount ?? 0) > 0;
    const title = req.t(id ? "surveys:builder.editTitle" : "surveys:builder.newTitle");
    return sendPage(ctx, req, reply, () => <SurveyBuilderPage id={id} form={form} groups={groups} locked={locked} error={failure ? failureMessage(req.t, failure) : undefined} />, {
      title,
      status: failure ? STATUS[failure.code] : 200,
      seo: { noindex: true },
    });
  };
  const staffOnly = (req: FastifyRequest, reply: FastifyReply) => {
    if (canManageSurveys(req.actor)) return null;
    if (req.actor.kind !== "user") return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    return sendErrorPage(ctx, req, reply, { ok: false, code: "forbidden", messageKey: "surveys:errors.staffOnly" });
  };
  const save = async (req: FastifyRequest<{ Body: Body }>, reply: FastifyReply, id: number | null) => {
    const body = req.body ?? {};
    const { questions, slotOf } = questionsFromForm(body);
    const input = { id: id ?? undefined, title: str(body.title), description: str(body.description), status: str(body.status), groupIds: list(body.groupIds), questions };
    const res = await saveSurvey(ctx, req.actor, input);
    if (res.ok) {
      setFlash(reply, "surveys:flash.saved");
      return redirectLocal(reply, `/surveys/${res.value.id}`);
    }
    if (res.code !== "invalid" && res.code !== "conflict") return sendErrorPage(ctx, req, reply, res);
    // Errors on `questions.<n>.<field>` go back to the slot the question came from.
    const errors = Object.fromEntries(Object.entries(translateFields(req.t, res.fields) ?? {}).map(([k, msg]) => {
      const m = /^questions\.(\d+)\.(\w+)$/.exec(k);
      return [m ? `q.${slotOf[Number(m[1])]}.${m[2]}` : k, msg];
    }));
    const values = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, k.endsWith(".required") ? (list(v).includes("on") ? "on" : "off") : str(v)]));
    const slots = Math.min(MAX_QUESTIONS, Math.max(5, (slotOf.at(-1) ?? -1) + 4));
    return builder(req, reply, id, { values, groupIds: list(body.groupIds), errors, slots }, res);
  };

  app.get("/surveys/new", async (req, reply) => staffOnly(req, reply) ?? builder(req, reply, null, { values: { status: "draft" }, groupIds: [], errors: {}, slots: 5 }));
  app.post<{ Body: Body }>("/surveys/new", async (req, reply) => staffOnly(req, reply) ?? save(req, reply, null));

  app.get<{ Params: { id: string } }>("/surveys/:id/edit", async (req, reply) => {
    const denied = staffOnly(req, reply);
    if (denied) return denied;
    const id = toId(req.params.id);
    const survey = id ? await findSurvey(ctx.db, id) : null;
    if (!id || !survey) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found", messageKey: "surveys:errors.notFound" });
    const questions = await questionsOf(ctx.db, id);
    const values: Record<string, string> = { title: survey.title, description: survey.description, status: survey.status };
    questions.forEach((q, i) => Object.assign(values, { [`q.${i}.prompt`]: q.prompt, [`q.${i}.kind`]: q.kind, [`q.${i}.options`]: q.options.join("\n"), [`q.${i}.required`]: q.required ? "on" : "off" }));
    const slots = survey.responseCount > 0 ? questions.length : Math.min(MAX_QUESTIONS, questions.length + 3);
    return builder(req, reply, id, { values, groupIds: survey.groupIds.map(String), errors: {}, slots });
  });
  app.post<{ Params: { id: string }; Body: Body }>("/surveys/:id/edit", async (req, reply) => {
    const denied = staffOnly(req, reply);
    if (denied) return denied;
    const id = toId(req.params.id);
    if (!id) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found" });
    // With responses the question fields are disabled (not sent): the saved questions stand.
    const survey = await findSurvey(ctx.db, id);
    if (survey && survey.responseCount > 0) {
      const body = (req.body ??= {});
      (await questionsOf(ctx.db, id)).forEach((q, i) => Object.assign(body, { [`q.${i}.prompt`]: q.prompt, [`q.${i}.kind`]: q.kind, [`q.${i}.options`]: q.options.join("\n"), [`q.${i}.required`]: q.required ? "on" : "off" }));
    }
    return save(req, reply, id);
  });

  const take = (req: FastifyRequest, reply: FastifyReply, page: SurveyPage, values: Record<string, string[]> = {}, failure?: Failure) =>
    sendPage(ctx, req, reply, () => <SurveyTakePage page={page} values={values} errors={translateFields(req.t, failure?.fields) ?? {}} error={failure ? failureMessage(req.t, failure) : undefined} />, {
      title: page.survey.title,
      status: failure ? STATUS[failure.code] : 200,
      seo: { description: page.survey.description || req.t("surveys:lead"), noindex: page.survey.status !== "open" },
    });

  app.get<{ Params: { id: string } }>("/surveys/:id", async (req, reply) => {
    const id = toId(req.params.id);
    const res = id ? await getSurvey(ctx, req.actor, id) : null;
    if (!res || !res.ok) return sendErrorPage(ctx, req, reply, res ?? { ok: false, code: "not_found", messageKey: "surveys:errors.notFound" });
    return take(req, reply, res.value);
  });
  app.post<{ Params: { id: string }; Body: Body }>("/surveys/:id", async (req, reply) => {
    const id = toId(req.params.id);
    if (!id) return sendErrorPage(ctx, req, reply, { ok: false, code: "not_found" });
    const body = req.body ?? {};
    const values = Object.fromEntries(Object.entries(body).filter(([k]) => k.startsWith("a.")).map(([k, v]) => [k, list(v)]));
    // Several ticked boxes arrive as a list, one as a value; the question's kind decides what fits.
    const answers = Object.fromEntries(Object.entries(values).map(([k, v]) => [k.slice(2), v.length > 1 ? v : v[0]]));
    const res = await respondToSurvey(ctx, req.actor, { surveyId: id, answers });
    if (res.ok) {
      setFlash(reply, "surveys:flash.responded");
      return redirectLocal(reply, `/surveys/${id}`);
    }
    if (res.code === "unauthenticated") return reply.redirect(`/login?next=${encodeURIComponent(`/surveys/${id}`)}`, 303);
    const page = await getSurvey(ctx, req.actor, id);
    if (!page.ok || res.code === "not_found") return sendErrorPage(ctx, req, reply, res);
    // Closed meanwhile, already answered, not for them: the page says why; answers stay on a refused form.
    return take(req, reply, page.value, values, res);
  });

  app.get<{ Params: { id: string } }>("/surveys/:id/results", async (req, reply) => {
    const id = toId(req.params.id);
    const res = id ? await getSurveyResults(ctx, req.actor, id) : null;
    if (!res || !res.ok) return sendErrorPage(ctx, req, reply, res ?? { ok: false, code: "not_found" });
    return sendPage(ctx, req, reply, () => <SurveyResultsPage results={res.value} />, { title: `${req.t("surveys:results.title")}: ${res.value.survey.title}`, seo: { noindex: true } });
  });
  app.get<{ Params: { id: string } }>("/surveys/:id/results.csv", async (req, reply) => {
    const id = toId(req.params.id);
    const res = id ? await surveyCsv(ctx, req.actor, id) : null;
    if (!res || !res.ok) return sendErrorPage(ctx, req, reply, res ?? { ok: false, code: "not_found" });
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${res.value.filename}"`)
      .header("cache-control", "private, no-store")
      .send(res.value.body);
  });
}
