// GET /api/jobs/{jobId}?region=&type= – a task with its detail, both directions when two-way
import { jobIdParam, taskLookupQuerySchema } from "@/lib/domain/api";
import { parseQuery, route } from "@/lib/api/route";
import { dtsFor } from "@/lib/context";
import { getTaskWithDetail } from "@/lib/tasks/service";

export const runtime = "nodejs";

export const GET = route<{ jobId: string }>(async (request, { params, ctx }) => {
  const jobId = jobIdParam.parse(params.jobId);
  const query = parseQuery(request, taskLookupQuerySchema);
  const account = query.account ?? ctx.accounts.defaultAccount;
  return Response.json(await getTaskWithDetail(dtsFor(ctx, account), query.region, jobId, query.type, account));
}, { permission: "view" });
