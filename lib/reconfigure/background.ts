import "server-only";
import { getAuditStore } from "@/lib/audit/instance";
import { getConfig } from "@/lib/config/env";
import { getDtsClient } from "@/lib/dts";
import { logger } from "@/lib/log";
import { reconcileReconfigurations } from "./reconcile";

let timer: NodeJS.Timeout | null = null;
let running = false;

async function tick() {
  if (running) return;
  running = true;
  try {
    const config = getConfig();
    await reconcileReconfigurations({ client: getDtsClient(), store: await getAuditStore(), settleMs: config.RECONCILE_SETTLE_MS });
  } catch (error) {
    logger.error("reconfigure_reconcile_failed", { name: (error as Error).name, message: (error as Error).message });
  } finally {
    running = false;
  }
}

/** Follows open reconfigurations and resolves unknown outcomes every RECONCILE_INTERVAL_MS. */
export function startReconfigureFollowing() {
  if (timer) return;
  void tick();
  timer = setInterval(() => void tick(), getConfig().RECONCILE_INTERVAL_MS);
  timer.unref();
}
