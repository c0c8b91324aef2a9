// GET /api/instances/{instanceId}/resets – every reset of a task, newest first (keyed by instance,
// so the history survives DTS giving the task a new ID)
import { jobIdParam } from "@/lib/domain/api";
import { route } from "@/lib/api/route";
import { getAuditStore } from "@/lib/audit/instance";
import { listResetsForInstance } from "@/lib/audit/reset-queries";
import { toResetResult } from "@/lib/reset/dto";

export const runtime = "nodejs";

export const GET = route<{ instanceId: string }>(async (_request, { params }) => {
  const instanceId = jobIdParam.parse(params.instanceId);
  const records = await listResetsForInstance(await getAuditStore(), instanceId);
  return Response.json({ items: records.map(toResetResult) });
}, { role: "viewer" });
