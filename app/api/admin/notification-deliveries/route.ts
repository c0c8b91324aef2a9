// GET /api/admin/notification-deliveries?channelId=&status=&limit= – the newest deliveries first
import { route } from "@/lib/api/route";
import { deliveriesQuerySchema } from "@/lib/domain/notification-views";
import { recentDeliveries } from "@/lib/notify/channels";

export const runtime = "nodejs";

export const GET = route(async (request, { ctx }) => {
  const query = deliveriesQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ deliveries: await recentDeliveries(ctx, query) });
}, { permission: "administer" });
