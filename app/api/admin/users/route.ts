// GET /api/admin/users – every account; POST – create one (password generated when omitted, shown once)
import { parseJsonBody, route } from "@/lib/api/route";
import { createUserBodySchema } from "@/lib/auth/admin-schemas";
import { addUser, adminContext, listUsers } from "@/lib/auth/users";
import { toUserView } from "@/lib/auth/dto";

export const runtime = "nodejs";

export const GET = route(async (request, { principal }) => {
  const context = await adminContext(request, principal);
  return Response.json({ items: (await listUsers(context.store)).map(toUserView) });
}, { permission: "administer" });

export const POST = route(async (request, { principal }) => {
  const body = await parseJsonBody(request, createUserBodySchema);
  const { user, generatedPassword } = await addUser(await adminContext(request, principal), body);
  return Response.json({ user: toUserView(user), generatedPassword }, { status: 201 });
}, { permission: "administer" });
