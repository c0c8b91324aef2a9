// POST /api/admin/notification-deliveries/{id}/retry – try a failed delivery again, now
import { route } from "@/lib/api/route";
import { deliveryIdParam } from "@/lib/domain/notification-views";
import { retryDelivery } from "@/lib/notify/channels";

export const runtime = "nodejs";

export const POST = route<{ id: string }>(async (_request, { params, principal, ctx }) => {
  return Response.json({ delivery: await retryDelivery(ctx, deliveryIdParam.parse(params.id), principal.username) }, { status: 202 });
}, { permission: "administer" });
