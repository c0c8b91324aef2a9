import "server-only";
// The optional notice of a new reset request (APPROVAL_WEBHOOK_URL): a JSON POST signed with
// HMAC-SHA256 of the exact body (APPROVAL_WEBHOOK_SECRET), retried a few times. Its outcome is
// recorded on the request; it never blocks or undoes the request.
import { createHmac } from "node:crypto";

export const SIGNATURE_HEADER = "X-DTS-Console-Signature";
export const EVENT_HEADER = "X-DTS-Console-Event";

export interface WebhookTarget {
  url: string;
  secret: string | null;
}

export interface WebhookOptions {
  attempts?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export type WebhookResult = { ok: true } | { ok: false; error: string };

export async function postWebhook(target: WebhookTarget, event: string, payload: unknown, options: WebhookOptions = {}): Promise<WebhookResult> {
  const attempts = options.attempts ?? 3;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { "content-type": "application/json", [EVENT_HEADER]: event };
  if (target.secret) headers[SIGNATURE_HEADER] = signBody(target.secret, body);
  let error = "not sent";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(target.url, { method: "POST", headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 5_000), redirect: "error" });
      await response.body?.cancel();
      if (response.ok) return { ok: true };
      error = `the receiver answered HTTP ${response.status}`;
    } catch (cause) {
      // Never the URL (it may carry a token): only what kind of failure it was.
      error = `the receiver could not be reached (${cause instanceof Error ? cause.name : "error"})`;
    }
    if (attempt < attempts) await sleep(250 * 2 ** (attempt - 1));
  }
  return { ok: false, error: `${error}, after ${attempts} attempts` };
}
