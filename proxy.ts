// Runs before every page request and any /api/ address no API route serves (not static files,
// not the API routes, which set the same headers themselves: lib/api/route.ts): security headers on the answer, a
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

// The matcher leaves out the API's own routes, which set the same headers themselves
// (lib/api/route.ts `withApiHeaders`): running Next.js's proxy costs every API request a second
// request object and a header rewrite. Each route shape of app/api/ is listed exactly, so that any
// other /api/ address (Next.js's 404 page for a path no route serves) still comes through here; a
// new API route not listed is simply proxied as before (list it to spare its requests the cost).
// Next.js reads this config statically: it must stay one literal string.
export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|icon.svg|api/(?:health|metrics|jobs|resets|resets/export|auth/session|auth/sign-in|auth/sign-out|auth/oidc/start|auth/oidc/callback|admin/users|admin/tokens|admin/events|jobs/[^/]+|jobs/[^/]+/reset|instances/[^/]+|instances/[^/]+/resets|resets/[^/]+|resets/[^/]+/reconfigure|reconfigurations/[^/]+/start|admin/users/[^/]+|admin/users/[^/]+/password|admin/tokens/[^/]+|jobs/[^/]+/approval|reset-requests|reset-requests/[^/]+|reset-requests/[^/]+/approve|reset-requests/[^/]+/reject|reset-requests/[^/]+/cancel|admin/approval-policy|accounts|overview|bulk-resets|bulk-resets/[^/]+|bulk-resets/[^/]+/cancel|bulk-resets/[^/]+/approve|bulk-resets/[^/]+/reject|bulk-resets/[^/]+/export|admin/notification-channels|admin/notification-channels/[^/]+|admin/notification-channels/[^/]+/test|admin/notification-deliveries|admin/notification-deliveries/[^/]+/retry)$).*)",
  ],
};
