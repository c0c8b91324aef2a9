// Runs once when the Next.js server starts: open (and migrate) the audit store, then keep
// reconciling reset attempts whose outcome was never recorded.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startReconciliation } = await import("./lib/reset/background");
  startReconciliation();
}
