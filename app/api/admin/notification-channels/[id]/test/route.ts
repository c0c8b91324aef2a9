// POST /api/admin/notification-channels/{id}/test – send a test message now; answers what the receiver said
import { route } from "@/lib/api/route";
import { channelIdParam } from "@/lib/domain/notification-views";
import { testChannel } from "@/lib/notify/channels";

export const runtime = "nodejs";

export const POST = route<{ id: string }>(async (_request, { params, principal, ctx }) => {
  return Response.json({ test: await testChannel(ctx, channelIdParam.parse(params.id), principal.username) });
}, { permission: "administer" });
