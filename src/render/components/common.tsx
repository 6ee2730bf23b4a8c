import type { ComponentChildren } from "preact";
import type { UserSummary } from "../../domain/accounts/types.js";
import { showsAsStaff } from "../../domain/accounts/types.js";
import type { CategoryRef } from "../../domain/content/types.js";
import { useUi } from "../ui.js";

/** A letter avatar: no image request, a stable colour per username. */
export function Avatar({ user, size = 40 }: { user: Pick<UserSummary, "username" | "name">; size?: number }) {
  const hue = hashHue(user.username);
  const letter = Array.from((user.name || user.username).trim())[0]?.toUpperCase() ?? "?";
  return (
    <span
      class="avatar"
      aria-hidden="true"
      style={`--avatar-hue:${hue};width:${size}px;height:${size}px;font-size:${Math.round(size * 0.45)}px`}
    >
      {letter}
    </span>
  );
}

function hashHue(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h % 360;
}

export function StaffBadge() {
  const { t } = useUi();
  return (
    <span class="badge badge-staff" title={t("user.staffTitle")}>
      {t("user.staff")}
    </span>
  );
}

/** A user's name linking to their profile, with the staff badge and title where they have them. */
export function UserLink({ user, showTitle = false }: { user: UserSummary; showTitle?: boolean }) {
  return (
    <span class="user-link">
      <a href={`/u/${encodeURIComponent(user.username)}`} class="username">
        {user.name || user.username}
      </a>
      {user.name && user.name !== user.username ? <span class="handle">@{user.username}</span> : null}
      {showsAsStaff(user) ? <StaffBadge /> : null}
      {showTitle && user.title ? <span class="user-title">{user.title}</span> : null}
    </span>
  );
}

/** A time element: relative text, absolute time on hover and for machines. */
export function Time({ date }: { date: Date }) {
  const { fmt, now } = useUi();
  return (
    <time datetime={date.toISOString()} title={fmt.dateTime(date)}>
      {fmt.relative(date, now)}
    </time>
  );
}

export function CategoryBadge({ category }: { category: CategoryRef }) {
  return (
    <a class="category-badge" href={`/c/${encodeURIComponent(category.slug)}`} style={`--category-color:${safeColor(category.color)}`}>
      {category.name}
    </a>
  );
}

/** Only #rgb / #rrggbb colours reach a style attribute. */
export const safeColor = (c: string): string => (/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(c) ? c : "#888888");

export function TagList({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul class="tag-list">
      {tags.map((tag) => (
        <li key={tag}>
          <a class="tag" href={`/tags/${encodeURIComponent(tag)}`}>
            #{tag}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Previous / next links; `base` already carries the other query parameters. */
export function Pager({ base, page, hasMore, pageCount }: { base: string; page: number; hasMore: boolean; pageCount?: number }) {
  const { t } = useUi();
  if (page <= 1 && !hasMore) return null;
  const href = (p: number) => `${base}${base.includes("?") ? "&" : "?"}page=${p}`;
  return (
    <nav class="pager" aria-label={t("pager.label")}>
      {page > 1 ? (
        <a rel="prev" href={p1(base, page - 1, href)}>
          {t("pager.prev")}
        </a>
      ) : (
        <span />
      )}
      <span class="pager-current">{pageCount ? t("pager.pageOf", { page, count: pageCount }) : t("pager.page", { page })}</span>
      {hasMore ? (
        <a rel="next" href={href(page + 1)}>
          {t("pager.next")}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

const p1 = (base: string, p: number, href: (p: number) => string) => (p === 1 ? base : href(p));

/** A hidden CSRF field for every form that changes something. */
export function Csrf() {
  const { csrf } = useUi();
  return <input type="hidden" name="_csrf" value={csrf} />;
}

/** A form control with its label, translated error and hint, keeping what the user typed. */
export function Field(props: {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
  minLength?: number;
  autofocus?: boolean;
  children?: ComponentChildren;
}) {
  const id = `f-${props.name}`;
  const describedBy = [props.error ? `${id}-error` : "", props.hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: props.name,
    required: props.required,
    "aria-invalid": props.error ? ("true" as const) : undefined,
    "aria-describedby": describedBy,
    autocomplete: props.autocomplete,
    maxLength: props.maxLength,
    minLength: props.minLength,
    autofocus: props.autofocus,
  };
  return (
    <div class={`field${props.error ? " has-error" : ""}`}>
      <label for={id}>{props.label}</label>
      {props.children ??
        (props.multiline ? (
          <textarea {...common} rows={props.rows ?? 8}>
            {props.value ?? ""}
          </textarea>
        ) : (
          <input {...common} type={(props.type ?? "text") as "text"} value={props.value ?? ""} />
        ))}
      {props.hint ? (
        <p class="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** The headline of a rejected form (and any error not tied to one field). */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div class="alert alert-error" role="alert">
      {message}
    </div>
  );
}

export function Notice({ kind = "info", children }: { kind?: "info" | "success" | "error"; children: ComponentChildren }) {
  return (
    <div class={`alert alert-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}
