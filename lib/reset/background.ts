import "server-only";
import { getAuditStore } from "@/lib/audit/instance";
import { getConfig } from "@/lib/config/env";
import { getDtsClient } from "@/lib/dts";
import { logger } from "@/lib/log";
import { reconcileOnce } from "./reconcile";

let timer: NodeJS.Timeout | null = null;
let running = false;

async function tick() {
  if (running) return; // a slow DTS must not pile runs on top of each other
  running = true;
  try {
    const report = await reconcileOnce({ client: getDtsClient(), store: await getAuditStore(), settleMs: getConfig().RECONCILE_SETTLE_MS });
    if (report.resolved || report.verified || report.waiting) logger.info("reconciled_resets", { ...report });
  } catch (error) {
    logger.error("reconcile_failed", { name: (error as Error).name, message: (error as Error).message });
  } finally {
    running = false;
  }
}

/** Reconciles at start-up, then every RECONCILE_INTERVAL_MS (default 10 s). */
export function startReconciliation() {
  if (timer) return;
  const interval = getConfig().RECONCILE_INTERVAL_MS;
  void tick();
  timer = setInterval(() => void tick(), interval);
  timer.unref();
}
