import "server-only";
// Who may read GET /api/metrics: whoever presents METRICS_TOKEN as `Authorization: Bearer`. Not a
// session or an API token of a user: a scraper is no person and holds no role, and a console
// token would give it the API too. Without METRICS_TOKEN the route is off.
import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess = "off" | "missing" | "wrong" | "granted";

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/**
 * Compares in constant time: both sides are hashed first, so neither the token's length nor how
 * much of a guess matched shows in the time taken.
 */
export function metricsAccess(authorization: string | null, token: string | undefined): MetricsAccess {
  if (!token) return "off";
  const match = authorization === null ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return "missing";
  return timingSafeEqual(digest(match[1]!), digest(token)) ? "granted" : "wrong";
}
