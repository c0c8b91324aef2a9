import "server-only";

// The region a bare /jobs opens on: DTS_DEFAULT_REGION in ./env.ts (validated there: an unknown
// region stops the start instead of being silently replaced).
export { getDefaultRegion } from "./env";
