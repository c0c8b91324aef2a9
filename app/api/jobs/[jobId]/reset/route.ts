// POST /api/jobs/{jobId}/reset – reset one direction of a task (irreversible; guarded on the server).
// Where the approval policy requires it, records a request for a second person instead (202).
import { jobIdParam } from "@/lib/domain/api";
import { resetRequestSchema } from "@/lib/domain/reset";
import { parseJsonBody, route } from "@/lib/api/route";
import { actorFromRequest } from "@/lib/auth/actors";
import { participantFromRequest } from "@/lib/approvals/participant";
import { approvalForJob, publicRequest, requestReset } from "@/lib/approvals/service";
import { toResetResult } from "@/lib/reset/dto";
import { performReset, resetRef } from "@/lib/reset/perform-reset";

export const runtime = "nodejs";

export const POST = route<{ jobId: string }>(async (request, { params, principal, receivedAt, ctx }) => {
  const jobId = jobIdParam.parse(params.jobId);
  const body = await parseJsonBody(request, resetRequestSchema);
  const approval = await approvalForJob(ctx, body.region, jobId, resetRef(ctx, body).account);
  if (approval.required) {
    // Nothing is sent to DTS: the request waits for another operator's "Approve and reset".
    const outcome = await requestReset(ctx, jobId, body, await participantFromRequest(ctx, request, principal));
    return Response.json({ request: publicRequest(outcome.request), replayed: outcome.replayed, approval }, { status: 202 });
  }
  const { record, replayed } = await performReset(ctx, jobId, body, actorFromRequest(request, principal), receivedAt);
  return Response.json({ reset: toResetResult(record), replayed });
}, { permission: "reset" });
