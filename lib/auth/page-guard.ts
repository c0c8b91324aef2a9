import "server-only";
// The role check of pages (server components). Each protected page calls requirePageRole itself,
// rather than a layout doing it: layouts are not re-run on client navigation (see the Next.js
// authentication guide). The data behind every page is fetched from API routes that check again.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { logger } from "@/lib/log";
import { REQUEST_PATH_HEADER } from "@/lib/security/headers";
import type { Principal } from "./actors";
import { authDeps } from "./auth-deps";
import { authenticate, type Authentication } from "./authenticate";
import { safeNextPath, signInPath } from "./next-path";
import { hasRole, type Role } from "@/lib/domain/roles";

/** Once per request however many components ask. Pages accept only the session cookie, never a Bearer token. */
export const pageAuthentication = cache(async (): Promise<Authentication> => {
  const requestHeaders = await headers();
  return authenticate(requestHeaders, await authDeps(), { allowBearer: false });
});

export async function pagePrincipal(): Promise<Principal | null> {
  const authentication = await pageAuthentication();
  return authentication.status === "authenticated" ? authentication.principal : null;
}

/**
 * Who to show in the header. Display only, never a permission check, and it never fails the page:
 * with the store down, the header shows "Sign in" and the page's own check answers.
 */
export async function headerPrincipal(): Promise<Principal | null> {
  try {
    return await pagePrincipal();
  } catch (error) {
    logger.warn("header_principal_unavailable", { name: (error as Error).name, message: (error as Error).message });
    return null;
  }
}

/** The path and query of the page being rendered (set by proxy.ts). */
export async function currentPagePath(): Promise<string> {
  return safeNextPath((await headers()).get(REQUEST_PATH_HEADER));
}

export function accessDeniedPath(required: Role, from: string): string {
  return `/access-denied?${new URLSearchParams({ need: required, from: safeNextPath(from) }).toString()}`;
}

/**
 * The signed-in principal if its role is at least `required`. Otherwise redirects: to sign-in
 * (coming back here afterwards) without a session, to the access-denied page with too little role.
 */
export async function requirePageRole(required: Role): Promise<Principal> {
  const authentication = await pageAuthentication();
  const path = await currentPagePath();
  if (authentication.status !== "authenticated") {
    redirect(signInPath(path, authentication.status === "rejected" ? "expired" : undefined));
  }
  if (!hasRole(authentication.principal.role, required)) redirect(accessDeniedPath(required, path));
  return authentication.principal;
}
