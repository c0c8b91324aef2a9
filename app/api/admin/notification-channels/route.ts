// GET /api/admin/notification-channels – every channel with its deliveries' health; POST – add one
import { parseJsonBody, route } from "@/lib/api/route";
import { channelCreateSchema } from "@/lib/domain/notifications";
import { createChannel, listChannelViews } from "@/lib/notify/channels";

export const runtime = "nodejs";

export const GET = route(async (_request, { ctx }) => {
  // keyConfigured: whether NOTIFY_SECRET_KEY is set (channels cannot be added without it), never the key.
  return Response.json({ channels: await listChannelViews(ctx), keyConfigured: ctx.settings.notify.keys.current !== null });
}, { permission: "administer" });

export const POST = route(async (request, { principal, ctx }) => {
  const body = await parseJsonBody(request, channelCreateSchema);
  return Response.json({ channel: await createChannel(ctx, body, principal.username) }, { status: 201 });
}, { permission: "administer" });
