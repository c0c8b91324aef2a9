// The session cookie: HttpOnly, SameSite=Strict, Path=/, and Secure with the __Host- prefix
// whenever the console is reached over HTTPS (a browser then refuses the cookie from any other
// origin, a sub-domain included). Plain HTTP (a laptop, the e2e run) cannot carry Secure cookies.

export const SESSION_COOKIE = "dts_session";
export const SECURE_SESSION_COOKIE = "__Host-dts_session";

/** HTTPS as the browser sees it: the request URL's scheme, or X-Forwarded-Proto from a TLS-terminating proxy. */
export function isHttpsRequest(headers: Pick<Headers, "get">, url?: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https" || (url !== undefined && url.startsWith("https:"));
}

function cookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

function attributes(secure: boolean, maxAgeSeconds: number): string {
  return `Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}

export function sessionCookieHeader(token: string, secure: boolean, maxAgeSeconds: number): string {
  return `${cookieName(secure)}=${token}; ${attributes(secure, maxAgeSeconds)}`;
}

export function clearSessionCookieHeader(secure: boolean): string {
  return `${cookieName(secure)}=; ${attributes(secure, 0)}`;
}

/** The session token from a Cookie header; the __Host- cookie wins when both are present. */
export function readSessionCookie(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const values = new Map<string, string>();
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (!values.has(name)) values.set(name, part.slice(index + 1).trim());
  }
  return values.get(SECURE_SESSION_COOKIE) || values.get(SESSION_COOKIE) || null;
}
