import "server-only";
import { getAuditStore } from "@/lib/audit/instance";
import { backgroundJob } from "@/lib/background";
import { getConfig } from "@/lib/config/env";
import { getDtsClient } from "@/lib/dts";
import { logger } from "@/lib/log";
import { reconcileOnce } from "./reconcile";

const reconciliation = backgroundJob(
  "reconcile_failed",
  () => getConfig().RECONCILE_INTERVAL_MS,
  async () => {
    const report = await reconcileOnce({ client: getDtsClient(), store: await getAuditStore(), settleMs: getConfig().RECONCILE_SETTLE_MS });
    if (report.resolved || report.verified || report.waiting) logger.info("reconciled_resets", { ...report });
  },
);

/** Reconciles at start-up, then every RECONCILE_INTERVAL_MS (default 10 s). */
export function startReconciliation() {
  reconciliation.start();
}
