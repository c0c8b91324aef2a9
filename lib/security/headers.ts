// Response headers that tell the browser how little to trust: set on every page and API answer by
// proxy.ts. Pure functions, unit-tested.

/** Set on requests by proxy.ts: the path and query the browser asked for (for sign-in's `next`). */
export const REQUEST_PATH_HEADER = "x-console-path";

export interface PagePolicyOptions {
  nonce: string;
  /** `next dev` evaluates code for its error overlay and needs 'unsafe-eval'; production never does. */
  development: boolean;
  /** Only over HTTPS: on plain HTTP (a laptop, the e2e run) the upgrade would break every request. */
  https: boolean;
}

/**
 * Scripts run only with this request's nonce (Next.js puts it on its own scripts, read from this
 * header) or when loaded by such a script ('strict-dynamic'): no inline script an attacker injects
 * can run. Styles allow inline attributes, which React components use for positioning; style
 * injection cannot run code.
 */
export function pageContentSecurityPolicy({ nonce, development, https }: PagePolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** JSON is never a document: nothing may load or frame it. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  // Same-origin requests keep their Referer (and their Origin on POST, which the CSRF check reads);
  // no other site learns a console URL, which may name a task.
  "Referrer-Policy": "same-origin",
  "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()",
  // For browsers without frame-ancestors.
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
};

/** 128 random bits, base64: unguessable, fresh for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}
