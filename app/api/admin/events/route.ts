// GET /api/admin/events?limit=&username= – recent sign-ins, account and token changes, newest first
import { z } from "zod";
import { parseQuery, route } from "@/lib/api/route";
import { adminContext } from "@/lib/auth/users";
import { usernameSchema } from "@/lib/auth/credential-rules";
import { toAuthEventView } from "@/lib/auth/dto";
import { listAuthEvents } from "@/lib/auth/store/auth-events";

export const runtime = "nodejs";

const querySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  username: usernameSchema.optional(),
});

export const GET = route(async (request, { principal }) => {
  const { limit, username } = parseQuery(request, querySchema);
  const context = await adminContext(request, principal);
  return Response.json({ items: (await listAuthEvents(context.store, { limit, subjectUsername: username })).map(toAuthEventView) });
}, { permission: "administer" });
