import type * as Nodemailer from "nodemailer";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Transporter } from "nodemailer";
import { onDemand } from "../lib/onDemand.js";

const nodemailer = onDemand<typeof Nodemailer>("nodemailer");

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Sends mail through SMTP when `SMTP_URL` is set; otherwise writes each message as an .eml file
 * under `DATA_DIR/mail`, which admins can read in the admin area. Only jobs call `send`.
 */
export interface Mailer {
  readonly kind: "smtp" | "file";
  send(mail: Mail): Promise<void>;
  close(): void;
}

export function createMailer(opts: { smtpUrl: string | null; from: string; dataDir: string }): Mailer {
  if (opts.smtpUrl) {
    const transport = firstUse(() => nodemailer().createTransport(opts.smtpUrl!));
    return {
      kind: "smtp",
      async send(mail) {
        await transport.get().sendMail({ from: opts.from, ...mail });
      },
      close: transport.close,
    };
  }
  const dir = mailDir(opts.dataDir);
  const transport = firstUse(() => nodemailer().createTransport({ streamTransport: true, buffer: true, newline: "unix" }));
  return {
    kind: "file",
    async send(mail) {
      const info = await transport.get().sendMail({ from: opts.from, ...mail });
      await fs.mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${crypto.randomBytes(4).toString("hex")}.eml`;
      await fs.writeFile(path.join(dir, name), info.message as Buffer);
    },
    close: transport.close,
  };
}

/** A transport made when the first message goes out (a process that sends none never loads nodemailer). */
function firstUse(make: () => Transporter) {
  let transport: Transporter | null = null;
  return {
    get: () => (transport ??= make()),
    close: () => transport?.close(),
  };
}

export const mailDir = (dataDir: string) => path.join(dataDir, "mail");

export interface StoredMail {
  file: string;
  to: string;
  subject: string;
  date: Date;
}

/** The newest stored messages first (file mode only). */
export async function listStoredMail(dataDir: string, limit = 100): Promise<StoredMail[]> {
  const dir = mailDir(dataDir);
  let files: string[];
  try {
    files = (await fs.readdir(dir)).filter((f) => f.endsWith(".eml"));
  } catch {
    return [];
  }
  files.sort().reverse();
  const out: StoredMail[] = [];
  for (const file of files.slice(0, limit)) {
    const raw = await fs.readFile(path.join(dir, file), "utf8");
    const head = parseMail(raw);
    const stat = await fs.stat(path.join(dir, file));
    out.push({ file, to: head.to, subject: head.subject, date: stat.mtime });
  }
  return out;
}

/** Reads one stored message; null when the name is not a stored .eml file. */
export async function readStoredMail(dataDir: string, file: string): Promise<ParsedMail | null> {
  if (!/^[\w.-]+\.eml$/.test(file)) return null;
  try {
    return parseMail(await fs.readFile(path.join(mailDir(dataDir), file), "utf8"));
  } catch {
    return null;
  }
}

export interface ParsedMail {
  to: string;
  subject: string;
  text: string;
}

/** Just enough MIME for messages nodemailer wrote: headers, and the text/plain part decoded. */
export function parseMail(raw: string): ParsedMail {
  const [headerBlock] = raw.split(/\n\n/, 1);
  const headers = unfold(headerBlock);
  const to = decodeWords(headers.get("to") ?? "");
  const subject = decodeWords(headers.get("subject") ?? "");
  return { to, subject, text: textPart(raw) };
}

function unfold(block: string): Map<string, string> {
  const map = new Map<string, string>();
  let last = "";
  for (const line of block.split("\n")) {
    if (/^\s/.test(line) && last) {
      map.set(last, map.get(last) + line.replace(/^\s+/, " "));
    } else {
      const i = line.indexOf(":");
      if (i > 0) map.set((last = line.slice(0, i).toLowerCase()), line.slice(i + 1).trim());
    }
  }
  return map;
}

function decodeWords(s: string): string {
  return s.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=\s*/g, (_m, _cs, enc: string, data: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(data, "base64").toString("utf8")
      : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
  );
}

function textPart(raw: string): string {
  const boundary = /boundary="?([^";\n]+)"?/.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [raw];
  for (const part of parts) {
    const split = part.indexOf("\n\n");
    if (split < 0) continue;
    const head = unfold(part.slice(0, split).trim());
    const type = head.get("content-type") ?? "text/plain";
    if (!type.startsWith("text/plain")) continue;
    const body = part.slice(split + 2);
    const enc = (head.get("content-transfer-encoding") ?? "").toLowerCase();
    if (enc === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    if (enc === "quoted-printable") {
      const bytes = body.replace(/=\n/g, "").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, "latin1").toString("utf8").trim();
    }
    return body.trim();
  }
  return "";
}
