// GET /api/jobs – one page of synchronization or change tracking tasks, straight from DTS
import { listJobsQuerySchema } from "@/lib/domain/api";
import { parseQuery, route } from "@/lib/api/route";
import { getDtsClient } from "@/lib/dts";
import { listTasks } from "@/lib/jobs/service";

export const runtime = "nodejs";

export const GET = route(async (request) => {
  const query = parseQuery(request, listJobsQuerySchema);
  return Response.json(await listTasks(getDtsClient(), query));
}, { role: "viewer" });
