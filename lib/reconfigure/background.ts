import "server-only";
import { getAuditStore } from "@/lib/audit/instance";
import { backgroundJob } from "@/lib/background";
import { getConfig } from "@/lib/config/env";
import { getDtsClient } from "@/lib/dts";
import { reconcileReconfigurations } from "./reconcile";

const following = backgroundJob(
  "reconfigure_reconcile_failed",
  () => getConfig().RECONCILE_INTERVAL_MS,
  async () => {
    await reconcileReconfigurations({ client: getDtsClient(), store: await getAuditStore(), settleMs: getConfig().RECONCILE_SETTLE_MS });
  },
);

/** Follows open reconfigurations and resolves unknown outcomes every RECONCILE_INTERVAL_MS. */
export function startReconfigureFollowing() {
  following.start();
}
