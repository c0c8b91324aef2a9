// Passwords the console makes up (a new user without one, a password reset): shown once.
// Not `server-only`: the users CLI generates them too.
import { randomBytes } from "node:crypto";

/** 18 random bytes as base64url: 24 characters, 144 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}
