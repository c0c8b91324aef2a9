import "server-only";
import { findRegion } from "@/lib/domain/regions";

const FALLBACK_REGION = "cn-hangzhou";

/**
 * The region a bare /jobs opens on. Read on the server only, from DTS_DEFAULT_REGION.
 */
export function getDefaultRegion(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.DTS_DEFAULT_REGION?.trim();
  return configured && findRegion(configured) ? configured : FALLBACK_REGION;
}
