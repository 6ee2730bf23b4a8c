import fs from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { listStoredMail, parseMail, readStoredMail } from "../src/infra/mail.js";

/** A message as a test sees it: envelope recipient, subject, decoded text and HTML bodies. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
}

/** Decodes one MIME part (text/plain or text/html) of a message nodemailer wrote. */
export function mimePart(raw: string, type: "text/plain" | "text/html"): string {
  const msg = raw.replace(/\r\n/g, "\n");
  const boundary = /boundary="?([^";\n]+)"?/.exec(msg)?.[1];
  for (const part of boundary ? msg.split(`--${boundary}`) : [msg]) {
    const split = part.indexOf("\n\n");
    if (split < 0 || !new RegExp(`content-type:\\s*${type}`, "i").test(part.slice(0, split))) continue;
    const head = part.slice(0, split);
    const body = part.slice(split + 2);
    if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
      const bytes = body.replace(/=\n/g, "").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, "latin1").toString("utf8").trim();
    }
    return body.trim();
  }
  return "";
}

const toReceived = (raw: string, to: string): ReceivedMail => {
  const parsed = parseMail(raw.replace(/\r\n/g, "\n"));
  return { to, subject: parsed.subject, text: mimePart(raw, "text/plain"), html: mimePart(raw, "text/html"), raw };
};

/** A real SMTP server on a free local port that keeps every message it receives. */
export async function startSmtp(): Promise<{ url: string; messages: ReceivedMail[]; close(): Promise<void> }> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(", ");
        messages.push(toReceived(Buffer.concat(chunks).toString("utf8"), to));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Messages the file mailer stored under DATA_DIR/mail for `to`, newest first. */
export async function storedMailTo(dataDir: string, to: string): Promise<ReceivedMail[]> {
  const out: ReceivedMail[] = [];
  for (const m of await listStoredMail(dataDir)) {
    if (!m.to.toLowerCase().includes(to.toLowerCase())) continue;
    const parsed = await readStoredMail(dataDir, m.file);
    if (!parsed) continue;
    const raw = await fs.readFile(path.join(dataDir, "mail", m.file), "utf8");
    out.push({ to: parsed.to, subject: parsed.subject, text: parsed.text, html: mimePart(raw, "text/html"), raw });
  }
  return out;
}

/** The path and query of the first link to `${base}${path}?token=…` in a mail body. */
export function linkIn(text: string, base: string, path: string): string {
  const escaped = (base + path).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const m = new RegExp(`${escaped}\\?token=[A-Za-z0-9_%-]+`).exec(text);
  if (!m) throw new Error(`no ${path} link in:\n${text}`);
  return m[0].slice(base.length);
}
