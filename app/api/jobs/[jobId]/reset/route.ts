// POST /api/jobs/{jobId}/reset – reset one direction of a task (irreversible; guarded on the server)
import { jobIdParam } from "@/lib/domain/api";
import { resetRequestSchema } from "@/lib/domain/reset";
import { json, parseJsonBody, route } from "@/lib/api/route";
import { getAuditStore } from "@/lib/audit/instance";
import { actorFromRequest } from "@/lib/auth/actors";
import { getDtsClient } from "@/lib/dts";
import { toResetResult } from "@/lib/reset/dto";
import { auditStoreOrRefuse, performReset } from "@/lib/reset/perform-reset";

export const runtime = "nodejs";

export const POST = route<{ jobId: string }>(async (request, { params, principal }) => {
  const jobId = jobIdParam.parse(params.jobId);
  const body = await parseJsonBody(request, resetRequestSchema);
  const { record, replayed } = await performReset(
    { client: getDtsClient(), store: await auditStoreOrRefuse(getAuditStore) },
    jobId,
    body,
    actorFromRequest(request, principal),
  );
  return json({ reset: toResetResult(record), replayed });
}, { role: "operator" });
