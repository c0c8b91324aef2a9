// GET /api/reset-requests?status= – reset requests: pending first (oldest first), then the history
import { requestListQuerySchema } from "@/lib/domain/approvals";
import { parseQuery, route } from "@/lib/api/route";
import { getAuditStore } from "@/lib/audit/instance";
import { countPending } from "@/lib/approvals/store";
import { listRequests, publicRequest } from "@/lib/approvals/service";

export const runtime = "nodejs";

export const GET = route(async (request) => {
  const { status } = parseQuery(request, requestListQuerySchema);
  const store = await getAuditStore();
  const items = await listRequests({ store }, { status });
  return Response.json({ items: items.map(publicRequest), pendingCount: await countPending(store, new Date()) });
}, { role: "viewer" });
