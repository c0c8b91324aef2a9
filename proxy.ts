// Runs before every page and API request (not static files): security headers on the answer, a
// fresh CSP nonce for each page, and the requested path for the sign-in redirect. Authentication
// is not done here but in each route handler and page (lib/api/route.ts, lib/auth/page-guard.ts),
// next to the data, as the Next.js docs advise: a proxy matcher can miss a route.
import { NextResponse, type NextRequest } from "next/server";
import {
  API_CONTENT_SECURITY_POLICY,
  newNonce,
  pageContentSecurityPolicy,
  REQUEST_PATH_HEADER,
  SECURITY_HEADERS,
} from "@/lib/security/headers";

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isApi = pathname === "/api" || pathname.startsWith("/api/");
  const requestHeaders = new Headers(request.headers);

  // The address to come back to after signing in, without Next.js's internal RSC marker.
  const target = new URL(request.nextUrl);
  target.searchParams.delete("_rsc");
  requestHeaders.set(REQUEST_PATH_HEADER, `${target.pathname}${target.search}`);

  const forwardedProto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const https = forwardedProto ? forwardedProto === "https" : request.nextUrl.protocol === "https:";
  let policy = API_CONTENT_SECURITY_POLICY;
  if (!isApi) {
    policy = pageContentSecurityPolicy({ nonce: newNonce(), development: process.env.NODE_ENV === "development", https });
    // Next.js reads the nonce from the request's CSP header and puts it on its scripts.
    requestHeaders.set("Content-Security-Policy", policy);
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  // Browsers honour HSTS only over HTTPS, so a spoofed X-Forwarded-Proto on plain HTTP does nothing.
  if (https) response.headers.set("Strict-Transport-Security", "max-age=31536000");
  // Pages show who is signed in and what they may do: never keep a copy anywhere.
  response.headers.set("Cache-Control", "no-store");
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
