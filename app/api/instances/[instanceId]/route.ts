// GET /api/instances/{instanceId}?region=&type= – the task an instance holds now (follows resets
// that give the task a new ID)
import { instanceIdParam, taskLookupQuerySchema } from "@/lib/domain/api";
import { parseQuery, route } from "@/lib/api/route";
import { dtsFor } from "@/lib/context";
import { DEFAULT_ACCOUNT } from "@/lib/domain/task-ref";
import { findTaskByInstanceId } from "@/lib/tasks/service";

export const runtime = "nodejs";

export const GET = route<{ instanceId: string }>(async (request, { params, ctx }) => {
  const instanceId = instanceIdParam.parse(params.instanceId);
  const { account, region, type } = parseQuery(request, taskLookupQuerySchema);
  const { task } = await findTaskByInstanceId(dtsFor(ctx, account ?? DEFAULT_ACCOUNT), region, instanceId, type);
  return Response.json({ job: task });
}, { permission: "view" });
