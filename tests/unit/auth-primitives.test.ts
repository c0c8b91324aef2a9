// The building blocks: argon2id hashing, bearer secrets, credential rules, roles, the `next` path.
import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { newPasswordSchema, normalizeUsername, usernameSchema } from "@/lib/auth/credential-rules";
import { safeNextPath, signInPath } from "@/lib/auth/next-path";
import { generatePassword, hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "@/lib/auth/passwords";
import { hasRole, resetPermission, roleDeniedMessage } from "@/lib/domain/roles";
import { hashSecret, issueToken, parseToken, secretMatches, TOKEN_IN_TEXT } from "@/lib/auth/secret-token";

describe("password hashing", () => {
  it("hashes with argon2id at the configured cost and verifies only the right password", async () => {
    const stored = await hashPassword("correct-horse-battery");
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, "correct-horse-battery")).toBe(true);
    expect(await verifyPassword(stored, "correct-horse-batterY")).toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same-password-123")).not.toBe(await hashPassword("same-password-123"));
  });

  it("treats a malformed hash as a mismatch and asks for a rehash of weaker parameters", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
    expect(needsRehash("not-a-hash")).toBe(true);
    const weaker = await hash("correct-horse-battery", { memoryCost: 8192, timeCost: 1, parallelism: 1, algorithm: 2 as never });
    expect(needsRehash(weaker)).toBe(true);
  });

  it("spends a verification on the dummy hash and never succeeds", async () => {
    expect(await verifyAgainstDummy("")).toBe(false);
    expect(await verifyAgainstDummy("correct-horse-battery")).toBe(false);
  });

  it("generates long random passwords", () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});

describe("bearer secrets", () => {
  it("issues <prefix>_<id>_<256-bit secret> and keeps only the SHA-256 of the secret", () => {
    const token = issueToken("dtss");
    expect(token.presented).toMatch(/^dtss_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseToken("dtss", token.presented)!;
    expect(parsed.id).toBe(token.id);
    expect(Buffer.from(parsed.secret, "base64url")).toHaveLength(32);
    expect(token.secretHash).toBe(hashSecret(parsed.secret));
    expect(token.secretHash).not.toContain(parsed.secret);
    expect(token.presented.match(TOKEN_IN_TEXT)).toEqual([token.presented]);
  });

  it("refuses the other kind, tampering and junk", () => {
    const token = issueToken("dtsc");
    expect(parseToken("dtss", token.presented)).toBeNull();
    expect(parseToken("dtsc", `${token.presented}x`)).toBeNull();
    expect(parseToken("dtsc", "Bearer abc")).toBeNull();
    const { secret } = parseToken("dtsc", token.presented)!;
    expect(secretMatches(secret, token.secretHash)).toBe(true);
    const flipped = (secret[0] === "A" ? "B" : "A") + secret.slice(1);
    expect(secretMatches(flipped, token.secretHash)).toBe(false);
    expect(secretMatches(secret, "00")).toBe(false);
  });
});

describe("credential rules", () => {
  it("normalises usernames to lower case and refuses odd ones", () => {
    expect(normalizeUsername("  Alice ")).toBe("alice");
    expect(usernameSchema.parse("Ops.Team-1")).toBe("ops.team-1");
    for (const bad of ["", "-lead", "a b", "x".repeat(65), "ünïcode", "a/b"]) expect(usernameSchema.safeParse(bad).success, bad).toBe(false);
  });

  it("asks for at least 12 characters and names only the rule when refusing", () => {
    const result = newPasswordSchema.safeParse("short-pass1");
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain("short-pass1");
    expect(newPasswordSchema.safeParse("twelve-chars").success).toBe(true);
  });
});

describe("roles", () => {
  it("orders viewer < operator < admin and explains a refusal", () => {
    expect(hasRole("admin", "operator")).toBe(true);
    expect(hasRole("operator", "operator")).toBe(true);
    expect(hasRole("viewer", "operator")).toBe(false);
    expect(roleDeniedMessage("viewer", "operator")).toBe("Your role, viewer, cannot reset tasks.");
    expect(resetPermission("viewer")).toEqual({ canReset: false, reason: "Your role, viewer, cannot reset tasks." });
    expect(resetPermission("operator")).toEqual({ canReset: true, reason: null });
  });
});

describe("the path to return to after sign-in", () => {
  it("keeps paths on this console", () => {
    expect(safeNextPath("/jobs/abc?region=cn-hangzhou&type=sync")).toBe("/jobs/abc?region=cn-hangzhou&type=sync");
    expect(safeNextPath("/admin/users")).toBe("/admin/users");
  });

  it("refuses anything that could leave it, and pointless targets", () => {
    for (const bad of [null, "", "https://evil.example/", "//evil.example/x", "/\\evil.example", "/\t/evil.example", "javascript:alert(1)", "jobs", "/sign-in?next=/x", "/api/jobs"]) {
      expect(safeNextPath(bad), String(bad)).toBe("/jobs");
    }
  });

  it("builds the sign-in address with the reason", () => {
    expect(signInPath("/resets?page=2", "expired")).toBe("/sign-in?next=%2Fresets%3Fpage%3D2&reason=expired");
  });
});
