// GET /api/admin/notification-channels – every channel with its deliveries' health; POST – add one
import { parseJsonBody, route } from "@/lib/api/route";
import { channelCreateSchema } from "@/lib/domain/notifications";
import { createChannel, listChannelViews } from "@/lib/notify/channels";

export const runtime = "nodejs";

export const GET = route(async (_request, { ctx }) => {
  return Response.json({ channels: await listChannelViews(ctx) });
}, { permission: "administer" });

export const POST = route(async (request, { principal, ctx }) => {
  const body = await parseJsonBody(request, channelCreateSchema);
  return Response.json({ channel: await createChannel(ctx, body, principal.username) }, { status: 201 });
}, { permission: "administer" });
