import "server-only";
// A channel's URL and secret at rest, with the configuration's keys: sealed under NOTIFY_SECRET_KEY,
// opened with it or with NOTIFY_SECRET_KEY_PREVIOUS (rotation). Also how the page shows a URL
// whose query or path carries the robot's token: with the token masked.
import type { NotifySettings } from "@/lib/context";
import { NotifyRefusal } from "@/lib/domain/errors";
import { WEBHOOK_SECRET_PREFIX } from "@/lib/domain/notifications";
import { decryptSecret, encryptSecret, secretKeyId } from "./channel-kinds";
import { sealedKeyId } from "./secret-box";

type Keys = NotifySettings["keys"];

const NO_KEY = "Notification channels need NOTIFY_SECRET_KEY (32 bytes in base64) in the configuration: their URLs and secrets are sealed with it.";

/** Refuses (503 notify_key_missing) when no key is configured to seal with. */
export function requireSealingKey(keys: Keys): Buffer {
  if (!keys.current) throw new NotifyRefusal("notify_key_missing", NO_KEY);
  return keys.current;
}

export function seal(keys: Keys, plain: string): string {
  return encryptSecret(plain, requireSealingKey(keys));
}

/** Opens what either configured key sealed; throws notify_key_missing when neither does. */
export function unseal(keys: Keys, sealed: string): string {
  const candidates = [keys.current, keys.previous].filter((k): k is Buffer => k !== null);
  if (candidates.length === 0) throw new NotifyRefusal("notify_key_missing", NO_KEY);
  try {
    return decryptSecret(sealed, candidates);
  } catch (error) {
    throw new NotifyRefusal("notify_key_missing", `A channel could not be opened: ${(error as Error).message}.`);
  }
}

/** Sealed under a key other than the current one: to be sealed again (rotation). */
export function needsReseal(keys: Keys, sealed: string): boolean {
  return keys.current !== null && sealedKeyId(sealed) !== secretKeyId(keys.current);
}

/**
 * APPROVAL_WEBHOOK_SECRET as a Standard Webhooks secret: used as is when it is one (`whsec_…`),
 * else its UTF-8 bytes are the HMAC key (the receiver's secret is `whsec_` + base64 of the text).
 */
export function configWebhookSecret(secret: string | null): string | null {
  if (!secret) return null;
  return secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret : `${WEBHOOK_SECRET_PREFIX}${Buffer.from(secret, "utf8").toString("base64")}`;
}

const MASK = "…";

/**
 * The URL as the page shows it: scheme, host and the first path segments; every query value and
 * any long path segment (Feishu's and Slack's hook tokens live in the path) masked.
 */
export function urlPreview(raw: string): string {
  try {
    const url = new URL(raw);
    const segments = url.pathname.split("/").map((segment) => (segment.length >= 16 || /[0-9]/.test(segment) && segment.length >= 8 ? MASK : segment));
    const query = [...url.searchParams.keys()].map((key) => `${key}=${MASK}`).join("&");
    return `${url.protocol}//${url.host}${segments.join("/")}${query ? `?${query}` : ""}`;
  } catch {
    return MASK;
  }
}
