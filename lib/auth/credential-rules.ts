// What a username and a password must look like. Safe for the browser (the admin form shows the
// same rules) and for the CLI.
import { z } from "zod";

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const PASSWORD_MIN = 12;
/** Generous, but bounded: argon2 hashes whatever it is given. */
export const PASSWORD_MAX = 1024;

/** Usernames are case-insensitive: stored and compared in lower case. */
export function normalizeUsername(value: string): string {
  return value.trim().toLowerCase();
}

export const usernameSchema = z
  .string()
  .transform(normalizeUsername)
  .pipe(z.string().regex(USERNAME_PATTERN, "username must be 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"));

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `password must be at most ${PASSWORD_MAX} characters`);

/**
 * The sign-in form's fields: deliberately lenient (any non-empty text within bounds), so that a
 * malformed username gets the same answer as a wrong password rather than a tell-tale 400.
 */
export const signInRequestSchema = z.strictObject({
  username: z.string().min(1, "Enter your username").max(256),
  password: z.string().min(1, "Enter your password").max(PASSWORD_MAX),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;
