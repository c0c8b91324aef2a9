// Where to send someone after sign-in. Safe for the browser. Only a path on this console is
// accepted, so `/sign-in?next=https://evil.example` cannot turn the console into an open redirect.

const DEFAULT_AFTER_SIGN_IN = "/jobs";
const NEVER_RETURN_TO = ["/sign-in", "/api/"];

export function safeNextPath(value: string | null | undefined): string {
  if (!value || value.length > 2048) return DEFAULT_AFTER_SIGN_IN;
  // One leading slash and no backslash: "//host" and "/\host" are protocol-relative to browsers.
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return DEFAULT_AFTER_SIGN_IN;
  // Control characters (a tab or newline inside "/\t/evil") are stripped by URL parsers.
  if (/[\u0000-\u001f\u007f]/.test(value)) return DEFAULT_AFTER_SIGN_IN;
  let parsed: URL;
  try {
    parsed = new URL(value, "http://console.invalid");
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (parsed.origin !== "http://console.invalid") return DEFAULT_AFTER_SIGN_IN;
  const path = `${parsed.pathname}${parsed.search}`;
  if (NEVER_RETURN_TO.some((prefix) => parsed.pathname === prefix || parsed.pathname.startsWith(prefix))) return DEFAULT_AFTER_SIGN_IN;
  return path;
}

export function signInPath(next: string, reason?: "expired" | "signed-out"): string {
  const params = new URLSearchParams({ next: safeNextPath(next) });
  if (reason) params.set("reason", reason);
  return `/sign-in?${params.toString()}`;
}
