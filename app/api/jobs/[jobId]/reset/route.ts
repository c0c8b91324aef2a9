// POST /api/jobs/{jobId}/reset – reset one direction of a task (irreversible; guarded on the server).
// Where the approval policy requires it, records a request for a second person instead (202).
import { jobIdParam } from "@/lib/domain/api";
import { resetRequestSchema } from "@/lib/domain/reset";
import { parseJsonBody, route } from "@/lib/api/route";
import { getAuditStore } from "@/lib/audit/instance";
import { actorFromRequest } from "@/lib/auth/actors";
import { getDtsClient } from "@/lib/dts";
import { approvalDeps, participantFromRequest } from "@/lib/approvals/instance";
import { approvalForJob, publicRequest, requestReset } from "@/lib/approvals/service";
import { toResetResult } from "@/lib/reset/dto";
import { performReset } from "@/lib/reset/perform-reset";

export const runtime = "nodejs";

export const POST = route<{ jobId: string }>(async (request, { params, principal, receivedAt }) => {
  const jobId = jobIdParam.parse(params.jobId);
  const body = await parseJsonBody(request, resetRequestSchema);
  const deps = await approvalDeps();
  const approval = await approvalForJob(deps, body.region, jobId);
  if (approval.required) {
    // Nothing is sent to DTS: the request waits for another operator's "Approve and reset".
    const outcome = await requestReset(deps, jobId, body, await participantFromRequest(request, principal));
    return Response.json({ request: publicRequest(outcome.request), replayed: outcome.replayed, approval }, { status: 202 });
  }
  const { record, replayed } = await performReset(
    // The route wrapper has already opened the store to authenticate (503 auth_unavailable if not).
    { client: getDtsClient(), store: await getAuditStore() },
    jobId,
    body,
    actorFromRequest(request, principal),
    receivedAt,
  );
  return Response.json({ reset: toResetResult(record), replayed });
}, { role: "operator" });
