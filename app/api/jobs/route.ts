// GET /api/jobs – one page of synchronization or change tracking tasks, straight from DTS
import { listJobsQuerySchema } from "@/lib/domain/api";
import { parseQuery, route } from "@/lib/api/route";
import { dtsFor } from "@/lib/context";
import { listTasks } from "@/lib/tasks/service";

export const runtime = "nodejs";

export const GET = route(async (request, { ctx }) => {
  const query = parseQuery(request, listJobsQuerySchema);
  const account = query.account ?? ctx.accounts.defaultAccount;
  return Response.json(await listTasks(dtsFor(ctx, account), query, account));
}, { permission: "view" });
