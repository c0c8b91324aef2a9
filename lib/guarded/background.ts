import "server-only";
// The one background job of the guarded operations: resolve reset attempts of unknown outcome,
// then resolve and follow open reconfigurations. Only this job (never a GET) sends the follow
// steps' StartDtsJob, each record under its lease (lease.ts).
import { backgroundJob } from "@/lib/background";
import { getConfig } from "@/lib/config/env";
import { getConsoleContext } from "@/lib/context";
import { reconcileOnce } from "@/lib/reset/reconcile";
import { reconcileReconfigurations } from "@/lib/reconfigure/reconcile";
import { reconcileStartAttempts } from "@/lib/reconfigure/follow-start";

const reconciliation = backgroundJob(
  "reconcile_failed",
  () => getConfig().RECONCILE_INTERVAL_MS,
  async () => {
    const ctx = await getConsoleContext();
    const report = await reconcileOnce(ctx);
    if (report.resolved || report.verified || report.waiting) ctx.log.info("reconciled_resets", { ...report });
    await reconcileReconfigurations(ctx);
    await reconcileStartAttempts(ctx);
  },
);

/** Reconciles at start-up, then every RECONCILE_INTERVAL_MS (default 10 s). */
export function startReconciliation() {
  reconciliation.start();
}
