// GET /api/overview – every region of every account: tasks by status (lib/overview)
import { overviewQuerySchema } from "@/lib/domain/api";
import { parseQuery, route } from "@/lib/api/route";
import { fleetOverview } from "@/lib/overview/fleet-overview";

export const runtime = "nodejs";

export const GET = route(async (request, { ctx }) => {
  const query = parseQuery(request, overviewQuerySchema);
  // An account the console does not hold is a 404 before anything is read.
  for (const account of query.account ?? []) ctx.accounts.client(account);
  return Response.json(await fleetOverview(ctx.accounts, query.type, query.account));
}, { permission: "view" });
