// Runs once when the Next.js server starts: validate the configuration (scripts/serve.ts has
// already done so before listening; this covers a bare `next start`), then keep reconciling reset
// attempts whose outcome was never recorded, work the bulk resets, and deliver the notifications. NEXT_RUNTIME and NEXT_PHASE are set by Next.js itself.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { ConfigError, getConfig } = await import("./lib/config/env");
  try {
    getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Refusing to start. ${error.message}\nSee the configuration table in README.md.`);
    process.exit(2);
  }
  const { startReconciliation } = await import("./lib/guarded/background");
  startReconciliation();
  const { startBulkWorker } = await import("./lib/bulk/background");
  startBulkWorker();
  const { startNotificationWorker } = await import("./lib/notify/background");
  startNotificationWorker();
}
