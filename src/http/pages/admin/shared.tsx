import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import type { Ctx } from "../../../domain/ctx.js";
import type { Failure } from "../../../lib/result.js";
import { AdminLayout, type AdminSection } from "../../../render/components/admin.js";
import { FormError } from "../../../render/components/common.js";
import type { Ui } from "../../../render/ui.js";
import { STATUS, failureMessage, translateFields } from "../../errors.js";
import { redirectLocal, sendPage, setFlash } from "../../render.js";

/** A rejected form coming back: which form on the page, what was typed, and why it failed. */
export interface Rejected<F = Record<string, string>> {
  form: string;
  values: F;
  failure: Failure;
}

/** Translated field errors of a rejected form, when it is the form named `form`. */
export function errorsFor(ui: Ui, rejected: Rejected<unknown> | undefined, form: string): Record<string, string> {
  if (!rejected || rejected.form !== form) return {};
  return translateFields(ui.t, rejected.failure.fields) ?? {};
}

/** The headline of a rejected form, shown above the form it belongs to. */
export function RejectedBanner({ ui, rejected, form }: { ui: Ui; rejected: Rejected<unknown> | undefined; form: string }) {
  if (!rejected || rejected.form !== form) return null;
  return <FormError message={failureMessage(ui.t, rejected.failure)} />;
}

/** The HTTP status a page re-rendered after a failure answers with. */
export const statusFor = (rejected: Rejected<unknown> | undefined): number => (rejected ? STATUS[rejected.failure.code] : 200);

/** Renders an admin page: the theme's shell, the admin sub-navigation and a heading. Never indexed. */
export function sendAdminPage(
  ctx: Ctx,
  req: FastifyRequest,
  reply: FastifyReply,
  page: { section: AdminSection; title: string; lead?: string; back?: { href: string; label: string }; actions?: (ui: Ui) => ComponentChildren; status?: number; cacheControl?: string },
  content: (ui: Ui) => ComponentChildren,
): Promise<FastifyReply> {
  return sendPage(
    ctx,
    req,
    reply,
    (ui) => (
      <AdminLayout section={page.section} title={page.title} lead={page.lead} back={page.back} actions={page.actions?.(ui)}>
        {content(ui)}
      </AdminLayout>
    ),
    { title: page.title, status: page.status ?? 200, seo: { noindex: true }, bodyClass: "admin-page", cacheControl: page.cacheControl },
  );
}

/** After a successful admin form: a one-shot message, then back to a page (POST → 303 → GET). */
export function done(reply: FastifyReply, flashKey: string, to: string): FastifyReply {
  setFlash(reply, flashKey);
  return redirectLocal(reply, to, "/admin");
}

/** A positive integer route parameter, or null. */
export function toId(s: unknown): number | null {
  const n = Number(s);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Form fields as strings (missing ones empty), so a re-rendered form shows exactly what was sent. */
export function formValues<K extends string>(body: unknown, keys: readonly K[]): Record<K, string> {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, typeof b[k] === "string" ? (b[k] as string) : ""])) as Record<K, string>;
}

/** A page number from the query string. */
export function pageParam(req: FastifyRequest): number {
  const n = Number((req.query as Record<string, string | undefined>).page);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 10_000) : 1;
}

/** A link base for the pager that keeps the other query parameters. */
export function pagerBase(path: string, params: Record<string, string | undefined>): string {
  const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return qs ? `${path}?${qs}` : path;
}
