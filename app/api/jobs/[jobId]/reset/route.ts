// POST /api/jobs/{jobId}/reset – reset one direction of a task (irreversible; guarded on the server)
import { jobIdParam } from "@/lib/domain/api";
import { resetRequestSchema } from "@/lib/domain/reset";
import { parseJsonBody, route } from "@/lib/api/route";
import { getAuditStore } from "@/lib/audit/instance";
import { actorFromRequest } from "@/lib/auth/actors";
import { getDtsClient } from "@/lib/dts";
import { toResetResult } from "@/lib/reset/dto";
import { performReset } from "@/lib/reset/perform-reset";

export const runtime = "nodejs";

export const POST = route<{ jobId: string }>(async (request, { params, principal, receivedAt }) => {
  const jobId = jobIdParam.parse(params.jobId);
  const body = await parseJsonBody(request, resetRequestSchema);
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
