// GET /api/resets/{id} – one reset record, with the snapshot of the task before the reset
import { resetIdParam } from "@/lib/domain/api";
import { NotFoundError } from "@/lib/domain/errors";
import { route } from "@/lib/api/route";
import { getAuditStore } from "@/lib/audit/instance";
import { getReset } from "@/lib/audit/reset-queries";
import { toResetDetail } from "@/lib/reset/dto";

export const runtime = "nodejs";

export const GET = route<{ id: string }>(async (_request, { params }) => {
  const id = resetIdParam.parse(params.id);
  const record = await getReset(await getAuditStore(), id);
  if (!record) throw new NotFoundError("reset_not_found", `No reset record ${id}.`);
  return Response.json({ reset: toResetDetail(record) });
}, { role: "viewer" });
