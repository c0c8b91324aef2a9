// GET /api/bulk-resets – bulk resets, newest first, paged
// POST /api/bulk-resets – plan (dryRun) or start a bulk reset of 1-100 tasks (irreversible for
// each; guarded per item on the server). Under the approval policy, one request covers the batch.
import { bulkResetRequestSchema, listBulkResetsQuerySchema } from "@/lib/domain/bulk";
import { parseJsonBody, parseQuery, route } from "@/lib/api/route";
import { participantFromRequest } from "@/lib/approvals/participant";
import { createBulk, listBulks } from "@/lib/bulk/service";
import { kickBulkWorker } from "@/lib/bulk/background";

export const runtime = "nodejs";

export const GET = route(async (request, { ctx }) => {
  const query = parseQuery(request, listBulkResetsQuerySchema);
  const { items, total } = await listBulks(ctx, query);
  return Response.json({ items, page: query.page, pageSize: query.pageSize, total });
}, { permission: "view" });

export const POST = route(async (request, { principal, ctx }) => {
  const body = await parseJsonBody(request, bulkResetRequestSchema);
  const outcome = await createBulk(ctx, body, await participantFromRequest(ctx, request, principal));
  if (outcome.kind === "plan") return Response.json({ plan: outcome.plan });
  if (outcome.bulk.status === "queued") kickBulkWorker();
  const { bulk, request: approval, replayed } = outcome;
  return Response.json(approval ? { request: approval, bulk, replayed } : { bulk, replayed }, { status: 202 });
}, { permission: "reset" });
