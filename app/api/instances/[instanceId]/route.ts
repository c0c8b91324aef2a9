// GET /api/instances/{instanceId}?region=&type= – the task an instance holds now (follows resets
// that give the task a new ID)
import { instanceIdParam, taskLookupQuerySchema } from "@/lib/domain/api";
import { parseQuery, route } from "@/lib/api/route";
import { dtsFor } from "@/lib/context";
import { findTaskByInstanceId, inAccount } from "@/lib/tasks/service";

export const runtime = "nodejs";

export const GET = route<{ instanceId: string }>(async (request, { params, ctx }) => {
  const instanceId = instanceIdParam.parse(params.instanceId);
  const query = parseQuery(request, taskLookupQuerySchema);
  const account = query.account ?? ctx.accounts.defaultAccount;
  const { task } = await findTaskByInstanceId(dtsFor(ctx, account), query.region, instanceId, query.type);
  return Response.json({ job: inAccount(task, account) });
}, { permission: "view" });
