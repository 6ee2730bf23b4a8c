import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCategory, makeUser } from "../../test/factories.js";
import { Client, type TestApp, testApp, clientFor } from "../../test/harness.js";
import { system } from "../domain/actor.js";
import type { UserActor } from "../domain/actor.js";
import { setCategoryPermissions } from "../domain/community/commands/setCategoryPermissions.js";
import { updateSettings } from "../domain/community/commands/updateSettings.js";

/** A photo as a phone takes it: JPEG with EXIF (camera, GPS-like data and an orientation). */
async function photo(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Make: "PhoneMaker", Model: "Pocket 9", Copyright: "Someone" } })
    .toBuffer();
}

describe("uploads and media over HTTP", () => {
  let t: TestApp;
  let member: UserActor;
  let other: UserActor;
  let categoryId: number;
  let secretId: number;
  let page: http.Server;
  let pageUrl = "";

  beforeAll(async () => {
    t = await testApp({ env: { RATE_LIMIT_FACTOR: "1000", LINK_PREVIEWS_PRIVATE: "on" } });
    [member, other] = await Promise.all([makeUser(t.ctx), makeUser(t.ctx)]);
    categoryId = (await makeCategory(t.ctx)).id;
    secretId = (await makeCategory(t.ctx, { name: "Staff room" })).id;
    const groups = (await t.ctx.cache.groups()).builtin;
    await setCategoryPermissions(t.ctx, system, { id: secretId, permissions: [{ groupId: groups.members, level: "create" }] });
    // A local page for link previews.
    page = http.createServer((req, res) => {
      if (req.url === "/article") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end('<html><head><title>fallback</title><meta property="og:title" content="Release notes &amp; more"><meta property="og:description" content="What changed in 4.2."><meta property="og:site_name" content="Example Docs"></head><body>…</body></html>');
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    page.close();
    await t.close();
  });

  const signedIn = (user: UserActor, lang = "en") => clientFor(t, user.username, lang);

  it("re-encodes a photo without its EXIF data, with its size and smaller copies, through the API", async () => {
    const client = await signedIn(member);
    const res = await client.multipart("/api/v1/uploads", {}, [{ field: "file", name: "holiday.JPG", data: await photo(1600, 900) }]);
    expect(res.statusCode).toBe(201);
    const up = res.json();
    expect(up).toMatchObject({ kind: "image", mime: "image/jpeg", width: 1600, height: 900, name: "holiday.JPG" });
    expect(up.markdown).toBe(`![holiday](${up.url})`);
    const full = await client.get(up.url);
    expect(full.statusCode).toBe(200);
    expect(full.headers["content-type"]).toBe("image/jpeg");
    const meta = await sharp(full.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(1600);
    const small = await client.get(`${up.url}?w=480`);
    expect(small.headers["content-type"]).toBe("image/webp");
    expect((await sharp(small.rawPayload).metadata()).width).toBe(480);
    // Not posted anywhere yet: only its uploader may fetch it.
    expect((await new Client(t.server).get(up.url)).statusCode).toBe(404);
    expect((await (await signedIn(other)).get(up.url)).statusCode).toBe(404);
  });

  it("refuses files whose content is not what their name says, types not allowed and files over the limit, in both languages", async () => {
    const client = await signedIn(member);
    const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n");
    const lying = await client.multipart("/api/v1/uploads", {}, [{ field: "file", name: "cat.png", data: pdf }]);
    expect(lying.statusCode).toBe(400);
    expect(lying.json().error).toMatchObject({ code: "invalid", message: "The content of “cat.png” is not a .png file, so it was not uploaded.", fields: { file: "The file's content is not a .png file." } });
    const exe = await client.multipart("/api/v1/uploads", {}, [{ field: "file", name: "setup.exe", data: Buffer.from("MZ\x90\x00") }]);
    expect(exe.json().error.fields.file).toContain("This type of file cannot be uploaded here.");
    const broken = await client.multipart("/api/v1/uploads", {}, [{ field: "file", name: "broken.jpg", data: Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01]) }]);
    expect(broken.json()).toMatchObject({ error: { message: "“broken.jpg” could not be read as an image." } });
    const ja = await signedIn(member, "ja");
    await updateSettings(t.ctx, system, { name: "Hiroba", defaultLocale: "en", theme: "support", uploadMaxMb: 1 });
    const big = await ja.multipart("/api/v1/uploads", {}, [{ field: "file", name: "log.txt", data: Buffer.alloc(1_200_000, "a") }]);
    expect(big.json().error.message).toBe("「log.txt」は 1 MB を超えています。");
    await updateSettings(t.ctx, system, { name: "Hiroba", defaultLocale: "en", theme: "support", uploadMaxMb: 8 });
    expect((await new Client(t.server).multipart("/api/v1/uploads", {}, [{ field: "file", name: "a.txt", data: Buffer.from("hi") }], { csrf: false })).statusCode).toBe(401);
  });

  it("attaches files with the plain form; a refused file keeps the typed text; readers of the post may fetch it, others not", async () => {
    const client = await signedIn(member);
    const fields = { categoryId: String(categoryId), title: "Screenshot of the error", body: "Here is what I see after login.", tags: "" };
    const bad = await client.multipart("/new-topic", fields, [{ field: "files", name: "virus.png", data: Buffer.from("MZ not an image") }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("The file's content is not a .png file.");
    expect(bad.body).toContain("Here is what I see after login.");
    const ok = await client.multipart("/new-topic", fields, [
      { field: "files", name: "error.png", data: await sharp({ create: { width: 1300, height: 700, channels: 3, background: "#fff" } }).png().toBuffer() },
      { field: "files", name: "notes.txt", data: Buffer.from("steps to reproduce") },
    ]);
    expect(ok.statusCode).toBe(303);
    await t.ctx.jobs.drain();
    const topic = await new Client(t.server).get(ok.headers.location as string);
    const img = /<img src="(\/uploads\/[^"]+)"[^>]*>/.exec(topic.body);
    expect(img?.[0]).toContain('width="1300" height="700"');
    expect(img?.[0]).toContain("srcset=");
    expect(topic.body).toMatch(/<a href="\/uploads\/[^"]+\/notes\.txt">notes\.txt<\/a>/);
    const visitor = await new Client(t.server).get(img![1]);
    expect(visitor.statusCode).toBe(200);
    expect(visitor.headers["cache-control"]).toContain("public");
    const file = await new Client(t.server).get(/href="(\/uploads\/[^"]+\/notes\.txt)"/.exec(topic.body)![1]);
    expect(file.headers["content-disposition"]).toBe("attachment; filename*=UTF-8''notes.txt");

    // In a category visitors cannot read, the image is the members' only.
    const secret = await client.multipart("/new-topic", { ...fields, categoryId: String(secretId), title: "Private screenshot" }, [
      { field: "files", name: "private.png", data: await sharp({ create: { width: 40, height: 40, channels: 3, background: "#000" } }).png().toBuffer() },
    ]);
    await t.ctx.jobs.drain();
    const inner = await client.get(secret.headers.location as string);
    const src = /<img src="(\/uploads\/[^"]+)"/.exec(inner.body)![1];
    expect((await new Client(t.server).get(src)).statusCode).toBe(404);
    const otherMember = await (await signedIn(other)).get(src);
    expect(otherMember.statusCode).toBe(200);
    expect(otherMember.headers["cache-control"]).toContain("private");
  });

  it("embeds videos without loading anything from the host, and shows a preview card fetched by a job", async () => {
    const client = await signedIn(member);
    const res = await client.json("POST", "/api/v1/topics", { categoryId, title: "Release video and notes", body: `https://youtu.be/dQw4w9WgXcQ\n\n${pageUrl}/article\n\n${pageUrl}/missing` });
    expect(res.statusCode).toBe(201);
    const before = await new Client(t.server).get(res.json().url);
    expect(before.body).toContain('data-provider="youtube" data-video-id="dQw4w9WgXcQ"');
    expect(before.body).not.toContain("<iframe");
    await t.ctx.jobs.drain();
    const after = await new Client(t.server).get(res.json().url);
    expect(after.body).toContain('<span class="onebox-site">Example Docs</span><span class="onebox-title">Release notes &amp; more</span><span class="onebox-description">What changed in 4.2.</span>');
    expect(after.body).toContain(`<a href="${pageUrl}/missing"`);
    const csp = String(after.headers["content-security-policy"]);
    expect(csp).toContain("frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com");
  });
});
