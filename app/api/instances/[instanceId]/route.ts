// GET /api/instances/{instanceId}?region=&type= – the task an instance holds now (follows resets
// that give the task a new ID)
import { jobIdParam, taskLookupQuerySchema } from "@/lib/domain/api";
import { parseQuery, route } from "@/lib/api/route";
import { getDtsClient } from "@/lib/dts";
import { findTaskByInstanceId } from "@/lib/jobs/service";

export const runtime = "nodejs";

export const GET = route<{ instanceId: string }>(async (request, { params }) => {
  const instanceId = jobIdParam.parse(params.instanceId);
  const { region, type } = parseQuery(request, taskLookupQuerySchema);
  const { task } = await findTaskByInstanceId(getDtsClient(), region, instanceId, type);
  return Response.json({ job: task });
}, { role: "viewer" });
