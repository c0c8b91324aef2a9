// GET /api/jobs/{jobId}?region=&type= – a task with its detail, both directions when two-way
import { jobIdParam, taskLookupQuerySchema } from "@/lib/domain/api";
import { parseQuery, route } from "@/lib/api/route";
import { dtsFor } from "@/lib/context";
import { DEFAULT_ACCOUNT } from "@/lib/domain/task-ref";
import { getTaskWithDetail } from "@/lib/tasks/service";

export const runtime = "nodejs";

export const GET = route<{ jobId: string }>(async (request, { params, ctx }) => {
  const jobId = jobIdParam.parse(params.jobId);
  const { account, region, type } = parseQuery(request, taskLookupQuerySchema);
  return Response.json(await getTaskWithDetail(dtsFor(ctx, account ?? DEFAULT_ACCOUNT), region, jobId, type));
}, { permission: "view" });
