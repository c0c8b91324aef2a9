// Refusing state-changing requests that a page on another origin made the browser send (CSRF), on
// top of the SameSite=Strict session cookie. Pure: headers in, a verdict out.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why the request must be refused, or null to let it through.
 *
 * - Sec-Fetch-Site, when present, decides: browsers set it and pages cannot forge it. Only
 *   "same-origin" passes ("same-site" is a sibling sub-domain, "none" a typed or bookmarked URL,
 *   which never POSTs).
 * - Otherwise an Origin header must be this console's origin (browsers send it on every
 *   cross-origin POST; "null" from sandboxed frames and redirects is refused too).
 * - With neither header the caller is not a browser (curl, a script with an API token): CSRF needs
 *   a browser carrying someone's cookie, so there is nothing to refuse.
 */
export function crossOriginRefusal(request: { method: string; url: string; headers: Pick<Headers, "get"> }, publicOrigin?: string): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;

  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite !== null) return fetchSite === "same-origin" ? null : `the browser reports this request as ${fetchSite}`;

  const origin = request.headers.get("origin");
  if (origin === null) return null;
  return ownOrigins(request, publicOrigin).has(origin) ? null : `it comes from ${origin === "null" ? "an opaque origin" : origin}`;
}

/** The origins this console answers on: the request URL's, the Host header's, and CONSOLE_PUBLIC_ORIGIN behind a proxy. */
function ownOrigins(request: { url: string; headers: Pick<Headers, "get"> }, publicOrigin?: string): Set<string> {
  const origins = new Set<string>();
  try {
    origins.add(new URL(request.url).origin);
  } catch {
    // a relative URL cannot happen in a route handler; ignore rather than throw
  }
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || new URL(request.url, "http://x").protocol.replace(":", "");
  if (host) origins.add(`${proto}://${host}`);
  if (publicOrigin) {
    try {
      origins.add(new URL(publicOrigin).origin);
    } catch {
      // a malformed CONSOLE_PUBLIC_ORIGIN adds nothing
    }
  }
  return origins;
}
