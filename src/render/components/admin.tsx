import type { ComponentChildren } from "preact";
import { useUi } from "../ui.js";
import { Csrf } from "./common.js";

/** The admin sections, in navigation order. */
export const ADMIN_SECTIONS = [
  { key: "dashboard", href: "/admin" },
  { key: "settings", href: "/admin/settings" },
  { key: "categories", href: "/admin/categories" },
  { key: "groups", href: "/admin/groups" },
  { key: "tags", href: "/admin/tags" },
  { key: "products", href: "/admin/products" },
  { key: "users", href: "/admin/users" },
  { key: "apiKeys", href: "/admin/api-keys" },
  { key: "mail", href: "/admin/mail" },
  { key: "jobs", href: "/admin/jobs" },
  { key: "audit", href: "/admin/audit" },
] as const;

export type AdminSection = (typeof ADMIN_SECTIONS)[number]["key"];

/** The admin sub-navigation: a sidebar on wide screens, a scrolling tab row on phones. */
export function AdminNav({ current }: { current: AdminSection }) {
  const { t } = useUi();
  return (
    <nav class="admin-nav" aria-label={t("admin:nav.label")}>
      <ul>
        {ADMIN_SECTIONS.map((s) => (
          <li key={s.key}>
            <a href={s.href} aria-current={s.key === current ? "page" : undefined}>
              {t(`admin:nav.${s.key}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Every admin page: the sub-navigation beside a headed content column. */
export function AdminLayout(props: { section: AdminSection; title: string; lead?: string; actions?: ComponentChildren; back?: { href: string; label: string }; children: ComponentChildren }) {
  return (
    <div class="admin-layout">
      <AdminNav current={props.section} />
      <div class="admin-main">
        {props.back ? (
          <p class="admin-back">
            <a href={props.back.href}>← {props.back.label}</a>
          </p>
        ) : null}
        <header class="admin-head">
          <div>
            <h1>{props.title}</h1>
            {props.lead ? <p class="page-lead">{props.lead}</p> : null}
          </div>
          {props.actions ? <div class="admin-head-actions">{props.actions}</div> : null}
        </header>
        {props.children}
      </div>
    </div>
  );
}

/** A form that is just one button (move, revoke, retry …); works without JavaScript. */
export function PostButton(props: { action: string; label: string; fields?: Record<string, string>; class?: string; disabled?: boolean; title?: string }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <Csrf />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.class ?? "button button-small"} disabled={props.disabled} title={props.title} aria-label={props.title}>
        {props.label}
      </button>
    </form>
  );
}

/**
 * A destructive action behind a second click, without JavaScript: the summary opens a small
 * panel with the explanation and the real button.
 */
export function ConfirmAction(props: { action: string; label: string; confirm: string; button?: string; fields?: Record<string, string>; open?: boolean; children?: ComponentChildren }) {
  return (
    <details class="admin-confirm" open={props.open}>
      <summary class="button button-small button-danger">{props.label}</summary>
      <form method="post" action={props.action} class="admin-confirm-panel">
        <Csrf />
        {Object.entries(props.fields ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p>{props.confirm}</p>
        {props.children}
        <button type="submit" class="button button-small button-danger">
          {props.button ?? props.label}
        </button>
      </form>
    </details>
  );
}

/** A short coloured label in tables: role, state, job status. */
export function Pill({ kind = "neutral", children }: { kind?: "neutral" | "ok" | "warn" | "danger" | "info"; children: ComponentChildren }) {
  return <span class={`admin-pill admin-pill-${kind}`}>{children}</span>;
}

/** A number with its label, for the dashboard and the jobs page. */
export function StatCard({ label, value, href, kind }: { label: string; value: string; href?: string; kind?: "warn" | "danger" }) {
  const body = (
    <>
      <span class="admin-stat-value">{value}</span>
      <span class="admin-stat-label">{label}</span>
    </>
  );
  return <li class={`admin-stat${kind ? ` admin-stat-${kind}` : ""}`}>{href ? <a href={href}>{body}</a> : body}</li>;
}

/** A table that scrolls sideways on narrow screens unless its rows stack (cells need `data-label`). */
export function AdminTable({ caption, stack = true, children }: { caption?: string; stack?: boolean; children: ComponentChildren }) {
  return (
    <div class="admin-table-wrap">
      <table class={`admin-table${stack ? " admin-table-stack" : ""}`}>
        {caption ? <caption class="visually-hidden">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

/** An absolute date (and time) in the reader's language, kept on one line. */
export function DateTime({ date, dateOnly = false }: { date: Date; dateOnly?: boolean }) {
  const { fmt } = useUi();
  return (
    <time datetime={date.toISOString()} title={fmt.dateTime(date)}>
      {dateOnly ? fmt.date(date) : fmt.dateTime(date)}
    </time>
  );
}
