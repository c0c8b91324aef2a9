// PATCH /api/admin/users/{username} – change the role, or disable / re-enable the account
import { parseJsonBody, route } from "@/lib/api/route";
import { updateUserBodySchema } from "@/lib/auth/admin-schemas";
import { adminContext, setUserDisabled, setUserRole } from "@/lib/auth/users";
import { toUserView } from "@/lib/auth/dto";

export const runtime = "nodejs";

export const PATCH = route<{ username: string }>(async (request, { params, principal }) => {
  const body = await parseJsonBody(request, updateUserBodySchema);
  const context = await adminContext(request, principal);
  const user = "role" in body ? await setUserRole(context, params.username, body.role) : await setUserDisabled(context, params.username, body.disabled);
  return Response.json({ user: toUserView(user) });
}, { permission: "administer" });
