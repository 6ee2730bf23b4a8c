import type { Mail } from "../infra/mail.js";

/** What a transactional mail says, already translated: the same words make the text and HTML bodies. */
export interface MailContent {
  to: string;
  subject: string;
  lang: string;
  greeting: string;
  paragraphs: string[];
  /** One link the mail is about, as a button (HTML) and a bare address (text). */
  action?: { label: string; url: string; fallback: string };
  /** Smaller print after the action: expiry, "ignore this if…". */
  notes?: string[];
  footer: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/**
 * Builds a plain-text body and a simple, inline-styled HTML body from translated strings. Every
 * value is escaped in the HTML, so names and addresses typed by members cannot inject markup.
 */
export function composeMail(c: MailContent): Mail {
  const text = [
    c.greeting,
    ...c.paragraphs,
    ...(c.action ? [`${c.action.label}:\n${c.action.url}`] : []),
    ...(c.notes ?? []),
    `-- \n${c.footer}`,
  ].join("\n\n");
  const p = (s: string, style = "") => `<p style="margin:0 0 16px;${style}">${escapeHtml(s)}</p>`;
  const action = c.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(c.action.url)}" style="display:inline-block;background:#2457d6;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:8px">${escapeHtml(c.action.label)}</a></p>` +
      p(c.action.fallback, "color:#5b6470;font-size:13px") +
      `<p style="margin:0 0 16px;font-size:13px;word-break:break-all"><a href="${escapeHtml(c.action.url)}" style="color:#2457d6">${escapeHtml(c.action.url)}</a></p>`
    : "";
  const html =
    `<!doctype html><html lang="${escapeHtml(c.lang)}"><head><meta charset="utf-8"><title>${escapeHtml(c.subject)}</title></head>` +
    `<body style="margin:0;padding:24px;background:#f7f8fa;color:#1b1f24;font:15px/1.6 system-ui,-apple-system,'Segoe UI','Hiragino Sans','Noto Sans JP',Meiryo,sans-serif">` +
    `<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #dde1e6;border-radius:10px;padding:24px">` +
    p(c.greeting) +
    c.paragraphs.map((x) => p(x)).join("") +
    action +
    (c.notes ?? []).map((x) => p(x, "color:#5b6470;font-size:13px")).join("") +
    `</div><p style="max-width:560px;margin:16px auto 0;color:#5b6470;font-size:12px">${escapeHtml(c.footer)}</p></body></html>`;
  return { to: c.to, subject: c.subject, text, html };
}
