import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createMailer } from "../../src/infra/mail.js";
import { readMail } from "./support.js";

// The helpers other e2e tests lean on; the server helpers are exercised by every other file here.
describe("e2e support", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hiroba-e2e-mail-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("reads the mail a server wrote in file mode, oldest first, decoded", async () => {
    expect(readMail(dataDir)).toEqual([]);
    const mailer = createMailer({ smtpUrl: null, from: "Hiroba <no-reply@example.com>", dataDir });
    await mailer.send({ to: "hanako@example.com", subject: "メールアドレスの確認", text: "こちらのリンクを開いてください: http://127.0.0.1/verify?token=abc" });
    await new Promise((r) => setTimeout(r, 5));
    await mailer.send({ to: "taro@example.com", subject: "Second", text: "plain text" });
    mailer.close();
    const mail = readMail(dataDir);
    expect(mail).toHaveLength(2);
    expect(mail[0]).toMatchObject({ to: "hanako@example.com", subject: "メールアドレスの確認" });
    expect(mail[0].text).toContain("http://127.0.0.1/verify?token=abc");
    expect(mail[0].raw).toContain("From: Hiroba <no-reply@example.com>");
    expect(mail[1]).toMatchObject({ to: "taro@example.com", subject: "Second", text: "plain text" });
  });
});
