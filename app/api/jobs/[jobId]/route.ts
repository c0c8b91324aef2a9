// GET /api/jobs/{jobId}?region=&type= – a task with its detail, both directions when two-way
import { jobIdParam, taskLookupQuerySchema } from "@/lib/domain/api";
import { parseQuery, route } from "@/lib/api/route";
import { getDtsClient } from "@/lib/dts";
import { getTaskWithDetail } from "@/lib/jobs/service";

export const runtime = "nodejs";

export const GET = route<{ jobId: string }>(async (request, { params }) => {
  const jobId = jobIdParam.parse(params.jobId);
  const { region, type } = parseQuery(request, taskLookupQuerySchema);
  return Response.json(await getTaskWithDetail(getDtsClient(), region, jobId, type));
}, { role: "viewer" });
