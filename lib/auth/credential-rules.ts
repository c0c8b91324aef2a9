// What a username and a password must look like. Safe for the browser (the admin form shows the
// same rules) and for the CLI.
import { z } from "zod";
import { text } from "@/lib/domain/text";

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const PASSWORD_MIN = 12;
/** Generous, but bounded: argon2 hashes whatever it is given. */
export const PASSWORD_MAX = 1024;

/** Usernames are case-insensitive: stored and compared in lower case. */
export function normalizeUsername(value: string): string {
  return value.trim().toLowerCase();
}

export const usernameSchema = text({ max: 256 })
  .transform(normalizeUsername)
  .pipe(z.string().regex(USERNAME_PATTERN, "username must be 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"));

// Control characters refused, but neither trimmed nor normalised: see TextOptions.normalize.
export const newPasswordSchema = text({
  min: PASSWORD_MIN,
  max: PASSWORD_MAX,
  trim: false,
  normalize: false,
  tooShort: `password must be at least ${PASSWORD_MIN} characters`,
  tooLong: `password must be at most ${PASSWORD_MAX} characters`,
});

/**
 * The sign-in form's fields: deliberately lenient (any non-empty text within bounds), so that a
 * malformed username gets the same answer as a wrong password rather than a tell-tale 400.
 */
export const signInRequestSchema = z.strictObject({
  username: text({ min: 1, max: 256, trim: false, tooShort: "Enter your username" }),
  password: text({ min: 1, max: PASSWORD_MAX, trim: false, normalize: false, tooShort: "Enter your password" }),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;
