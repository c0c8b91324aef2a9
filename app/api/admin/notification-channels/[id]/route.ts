// PATCH /api/admin/notification-channels/{id} – change a channel (a secret left out is kept); DELETE – remove it
import { parseJsonBody, route } from "@/lib/api/route";
import { channelUpdateSchema } from "@/lib/domain/notifications";
import { channelIdParam } from "@/lib/domain/notification-views";
import { changeChannel, removeChannel } from "@/lib/notify/channels";

export const runtime = "nodejs";

export const PATCH = route<{ id: string }>(async (request, { params, principal, ctx }) => {
  const id = channelIdParam.parse(params.id);
  const body = await parseJsonBody(request, channelUpdateSchema);
  return Response.json({ channel: await changeChannel(ctx, id, body, principal.username) });
}, { permission: "administer" });

export const DELETE = route<{ id: string }>(async (_request, { params, principal, ctx }) => {
  await removeChannel(ctx, channelIdParam.parse(params.id), principal.username);
  return new Response(null, { status: 204 });
}, { permission: "administer" });
