// Keeps secrets out of log lines, whatever a careless call passes. Two nets:
// - by name: a field called like a secret (password, token, secret, signature, cookie,
//   authorization, …) is replaced whole, at any depth;
// - by value: inside any string, this console's session and API tokens, Bearer credentials,
//   signatures in query strings, and the configured AccessKey secret and security token are cut out.
import "server-only";
import { configuredSecretValues } from "@/lib/config/env";

const SECRET_KEY = /(secret|password|passwd|token|signature|authorization|cookie|credential)/i;
const REDACTED = "[redacted]";
const MAX_DEPTH = 6;

const VALUE_PATTERNS: RegExp[] = [
  /dts[sc]_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/g, // session cookies and API tokens (lib/auth/secret-token.ts)
  /(Bearer\s+)[^\s"',;]+/gi,
  /((?:^|[?&\s])(?:Signature|SecurityToken|AccessKeySecret|x-acs-security-token)=)[^&\s"']+/gi,
  /(ACS3-HMAC-SHA256\s[^"]*?Signature=)[0-9a-f]+/gi,
];

/** Values of secrets configured for this process, which must never appear in a log line. */
function configuredSecrets(): string[] {
  // The variables marked secret in the configuration schema, read as they are now (unvalidated,
  // so that redaction works even while some other variable is invalid).
  return configuredSecretValues().filter((value) => value.length >= 8);
}

export function redactText(text: string): string {
  let result = text;
  for (const pattern of VALUE_PATTERNS) {
    result = result.replace(pattern, (match, prefix?: unknown) => (typeof prefix === "string" && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED));
  }
  for (const secret of configuredSecrets()) result = result.split(secret).join(REDACTED);
  return result;
}

export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? REDACTED : redactSecrets(item, depth + 1)]),
  );
}
