// GET /api/admin/users – every account; POST – create one (password generated when omitted, shown once)
import { parseJsonBody, route } from "@/lib/api/route";
import { createUserBodySchema } from "@/lib/auth/admin-api";
import { adminContext } from "@/lib/auth/admin-context";
import { addUser, listUsers } from "@/lib/auth/accounts";

export const runtime = "nodejs";

export const GET = route(async (request, { principal }) => {
  const context = await adminContext(request, principal);
  return Response.json({ items: await listUsers(context.store) });
}, { role: "admin" });

export const POST = route(async (request, { principal }) => {
  const body = await parseJsonBody(request, createUserBodySchema);
  const { user, generatedPassword } = await addUser(await adminContext(request, principal), body);
  return Response.json({ user, generatedPassword }, { status: 201 });
}, { role: "admin" });
