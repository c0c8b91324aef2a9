// GET /api/instances/{instanceId}/resets – every reset of a task, newest first (keyed by instance,
// so the history survives DTS giving the task a new ID)
import { instanceIdParam } from "@/lib/domain/api";
import { route } from "@/lib/api/route";
import { listResetsForInstance } from "@/lib/audit/reset-queries";
import { resetResultsOf } from "@/lib/reset/dto";

export const runtime = "nodejs";

export const GET = route<{ instanceId: string }>(async (_request, { params, ctx }) => {
  const instanceId = instanceIdParam.parse(params.instanceId);
  const records = await listResetsForInstance(ctx.store, instanceId);
  return Response.json({ items: await resetResultsOf(ctx.store, records) });
}, { permission: "view" });
