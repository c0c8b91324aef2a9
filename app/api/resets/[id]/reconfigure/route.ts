// GET  /api/resets/{id}/reconfigure – the ConfigureDtsJob (or, for change tracking, ConfigureSubscription) parameters mapped from the reset's
//      snapshot (no passwords), whether reconfiguring is allowed now (and why not), and the
//      reconfigurations made from this record as the store has them. A read: nothing is sent to
//      DTS and nothing is written (the background job follows open reconfigurations).
// POST /api/resets/{id}/reconfigure – configure the task again (a guarded operation, like a reset).
import { resetIdParam } from "@/lib/domain/api";
import type { ReconfigureView } from "@/lib/domain/reconfigure";
import { reconfigureRequestSchema } from "@/lib/domain/reconfigure-request";
import { parseJsonBody, route } from "@/lib/api/route";
import { listReconfigurationsForReset } from "@/lib/audit/reconfigurations";
import { actorFromRequest } from "@/lib/auth/actors";
import { toReconfigurationWithStarts } from "@/lib/reconfigure/dto";
import { listStartAttempts } from "@/lib/audit/start-attempts";
import { toReconfigurationRecord } from "@/lib/reconfigure/dto";
import { assess, loadReset, performReconfigure, readTask, reasonEnglish, reconfigurable } from "@/lib/reconfigure/perform-reconfigure";
import { remarkEnglish } from "@/lib/domain/reconfigure-remarks";

export const runtime = "nodejs";

export const GET = route<{ id: string }>(async (_request, { params, ctx }) => {
  const id = resetIdParam.parse(params.id);
  const reset = await loadReset(ctx, id);
  const records = await listReconfigurationsForReset(ctx.store, id);
  // A paced, cacheable read (never `fresh`): the page shows what DTS said a moment ago.
  const task = reconfigurable(reset)
    ? await readTask(ctx, reset, { allowStale: true }).catch((error: unknown) => {
        ctx.log.warn("reconfigure_view_read_failed", { id, message: (error as Error).message });
        return null;
      })
    : null;
  const assessment = await assess(ctx, reset, task);
  const view: ReconfigureView = {
    resetId: reset.id,
    api: assessment.api,
    account: reset.account,
    target: assessment.target,
    parameters: assessment.parameters,
    notes: assessment.notes.map(remarkEnglish),
    allowed: assessment.reason === null,
    reason: assessment.reason ? reasonEnglish(assessment.reason) : null,
    remarks: { notes: assessment.notes, reason: assessment.reason },
    reconfigurations: await Promise.all(records.map(async (r) => toReconfigurationWithStarts(r, await listStartAttempts(ctx.store, r.id)))),
  };
  return Response.json(view);
}, { permission: "view" });

export const POST = route<{ id: string }>(async (request, { params, principal, receivedAt, ctx }) => {
  const id = resetIdParam.parse(params.id);
  const body = await parseJsonBody(request, reconfigureRequestSchema);
  const { record, replayed } = await performReconfigure(ctx, id, body, actorFromRequest(request, principal), receivedAt);
  return Response.json({ reconfiguration: toReconfigurationRecord(record), replayed });
}, { permission: "reconfigure" });
