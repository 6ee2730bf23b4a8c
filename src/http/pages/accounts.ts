import type { FastifyInstance } from "fastify";
import type { Ctx } from "../../domain/ctx.js";
import { passwordResetPages } from "./passwordReset.js";
import { profilePages } from "./profile.js";
import { settingsPages } from "./settings.js";
import { signUpPages } from "./signup.js";
import { verifyEmailPages } from "./verifyEmail.js";

/** The account pages: sign-up, e-mail confirmation, password reset, profiles and settings. */
export function accountPages(app: FastifyInstance, ctx: Ctx): void {
  signUpPages(app, ctx);
  verifyEmailPages(app, ctx);
  passwordResetPages(app, ctx);
  profilePages(app, ctx);
  settingsPages(app, ctx);
}
