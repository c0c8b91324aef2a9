// POST /api/reconfigurations/{id}/start – "Start again": StartDtsJob once more for a reconfigured
//      task whose start DTS refused or whose precheck failed, after the operator fixed the cause
//      (a guarded operation, like a reset: fresh re-read, one call in flight, recorded ahead).
import { reconfigurationIdParam } from "@/lib/domain/api";
import { startAgainRequestSchema } from "@/lib/domain/start-again-request";
import { parseJsonBody, route } from "@/lib/api/route";
import { actorFromRequest } from "@/lib/auth/actors";
import { toStartAttemptRecord } from "@/lib/reconfigure/dto";
import { performStartAgain } from "@/lib/reconfigure/start-again";

export const runtime = "nodejs";

export const POST = route<{ id: string }>(async (request, { params, principal, receivedAt, ctx }) => {
  const id = reconfigurationIdParam.parse(params.id);
  const body = await parseJsonBody(request, startAgainRequestSchema);
  const { record, replayed } = await performStartAgain(ctx, id, body, actorFromRequest(request, principal), receivedAt);
  return Response.json({ startAttempt: toStartAttemptRecord(record), replayed });
}, { permission: "reconfigure" });
