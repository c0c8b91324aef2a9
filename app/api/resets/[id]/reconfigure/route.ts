// GET  /api/resets/{id}/reconfigure – the ConfigureDtsJob parameters mapped from the reset's
//      snapshot (no passwords), whether reconfiguring is allowed now (and why not), and the
//      reconfigurations made from this record, each followed one step further.
// POST /api/resets/{id}/reconfigure – configure the task again (guarded like a reset).
import { resetIdParam } from "@/lib/domain/api";
import type { ReconfigureView } from "@/lib/domain/reconfigure";
import { reconfigureRequestSchema } from "@/lib/domain/reconfigure-request";
import { parseJsonBody, route } from "@/lib/api/route";
import { getAuditStore } from "@/lib/audit/instance";
import { listReconfigurationsForReset } from "@/lib/audit/reconfigurations";
import { actorFromRequest } from "@/lib/auth/actors";
import { getDtsClient } from "@/lib/dts";
import { toReconfigurationRecord } from "@/lib/reconfigure/dto";
import { assess, loadReset, performReconfigure, readTask, reasonEnglish } from "@/lib/reconfigure/perform-reconfigure";
import { reconcileReconfiguration } from "@/lib/reconfigure/reconcile";
import { getConfig } from "@/lib/config/env";
import { logger } from "@/lib/log";
import { remarkEnglish } from "@/lib/domain/reconfigure-remarks";

export const runtime = "nodejs";

export const GET = route<{ id: string }>(async (_request, { params }) => {
  const id = resetIdParam.parse(params.id);
  const store = await getAuditStore();
  const client = getDtsClient();
  const reset = await loadReset(store, id);

  // Follow what is in flight first, so the answer shows where it stands now.
  const settleMs = getConfig().RECONCILE_SETTLE_MS;
  const records = await Promise.all(
    (await listReconfigurationsForReset(store, id)).map((r) => reconcileReconfiguration({ client, store, settleMs }, r)),
  );
  const task = reset.jobType === "SYNC" && reset.status === "succeeded"
    ? await readTask(client, reset, { allowStale: true }).catch((error: unknown) => {
        logger.warn("reconfigure_view_read_failed", { id, message: (error as Error).message });
        return null;
      })
    : null;
  const assessment = await assess(store, reset, task);
  const view: ReconfigureView = {
    resetId: reset.id,
    target: assessment.target,
    parameters: assessment.parameters,
    notes: assessment.notes.map(remarkEnglish),
    allowed: assessment.reason === null,
    reason: assessment.reason ? reasonEnglish(assessment.reason) : null,
    remarks: { notes: assessment.notes, reason: assessment.reason },
    reconfigurations: records.map(toReconfigurationRecord),
  };
  return Response.json(view);
}, { role: "viewer" });

export const POST = route<{ id: string }>(async (request, { params, principal, receivedAt }) => {
  const id = resetIdParam.parse(params.id);
  const body = await parseJsonBody(request, reconfigureRequestSchema);
  const { record, replayed } = await performReconfigure(
    { client: getDtsClient(), store: await getAuditStore() },
    id,
    body,
    actorFromRequest(request, principal),
    receivedAt,
  );
  return Response.json({ reconfiguration: toReconfigurationRecord(record), replayed });
}, { role: "operator" });
