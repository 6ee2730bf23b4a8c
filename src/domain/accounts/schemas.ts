import { z } from "zod";

/** Account input rules; error keys live in locales/<lang>/validation.json. */
export const Username = z
  .string()
  .trim()
  .min(2)
  .max(30)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: "validation.usernameFormat" });
export const Email = z.string().trim().max(254).pipe(z.email());
export const Password = z.string().min(8, { error: "validation.passwordTooShort" }).max(200);
export const DisplayName = z.string().trim().max(60).default("");
/** A short self-description shown on the profile, as Markdown (rendered through the post sanitizer). */
export const Bio = z.string().trim().max(2000).default("");
