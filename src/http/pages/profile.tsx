import type { FastifyInstance } from "fastify";
import { getProfile } from "../../domain/accounts/queries/getProfile.js";
import type { Ctx } from "../../domain/ctx.js";
import { plainExcerpt } from "../../domain/content/repo.js";
import { ProfileView } from "../../render/components/profile.js";
import { sendPage } from "../render.js";
import { sendErrorPage } from "./errorPage.js";

/** `/u/:username`: a member's public profile (404 for unknown names; other spellings redirect). */
export function profilePages(app: FastifyInstance, ctx: Ctx): void {
  app.get<{ Params: { username: string } }>("/u/:username", async (req, reply) => {
    const res = await getProfile(ctx, req.actor, req.params.username);
    if (!res.ok) return sendErrorPage(ctx, req, reply, res);
    const profile = res.value;
    const path = `/u/${encodeURIComponent(profile.username)}`;
    if (req.params.username !== profile.username) return reply.redirect(path, 301);
    const isSelf = req.actor.kind === "user" && req.actor.id === profile.id;
    const description = profile.bio ? plainExcerpt(profile.bio, 200) : undefined;
    return sendPage(ctx, req, reply, () => <ProfileView profile={profile} isSelf={isSelf} />, {
      title: `${profile.name || profile.username} (@${profile.username})`,
      bodyClass: "page-profile",
      seo: {
        canonical: path,
        description,
        jsonLd: {
          "@context": "https://schema.org",
          "@type": "ProfilePage",
          dateCreated: profile.createdAt.toISOString(),
          mainEntity: {
            "@type": "Person",
            name: profile.name || profile.username,
            alternateName: `@${profile.username}`,
            identifier: String(profile.id),
            ...(description ? { description } : {}),
            url: ctx.config.baseUrl + path,
          },
        },
      },
    });
  });
}
