// GET /api/resets/{id} – one reset record, with the snapshot of the task before the reset
import { resetIdParam } from "@/lib/domain/api";
import { NotFoundError } from "@/lib/domain/errors";
import { route } from "@/lib/api/route";
import { getReset } from "@/lib/audit/reset-queries";
import { approvalOf, toResetDetail } from "@/lib/reset/dto";
import { findRequestByResetId } from "@/lib/approvals/store";
import { publicRequest } from "@/lib/approvals/service";

export const runtime = "nodejs";

export const GET = route<{ id: string }>(async (_request, { params, ctx }) => {
  const id = resetIdParam.parse(params.id);
  const { store } = ctx;
  const record = await getReset(store, id);
  if (!record) throw new NotFoundError("reset_not_found", `No reset record ${id}.`);
  // A reset made by "Approve and reset": the request it carried out, naming the approver and
  // every transition (null for a direct reset). Beside the record, whose shape is unchanged.
  const request = await findRequestByResetId(store, id);
  return Response.json({ reset: toResetDetail(record, request ? approvalOf(request) : null), approval: request ? publicRequest(request) : null });
}, { permission: "view" });
