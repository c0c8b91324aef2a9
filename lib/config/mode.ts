// The mode (simulator or live) is one of the configuration's values: see DTS_MODE in ./env.ts.
// Kept so that the many `@/lib/config/mode` imports need not change.
export { getAppMode, type AppMode } from "./env";
