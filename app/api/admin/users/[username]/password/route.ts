// POST /api/admin/users/{username}/password – set a new password (generated when omitted, shown
// once); ends the account's sessions and lifts a sign-in lockout
import { parseJsonBody, route } from "@/lib/api/route";
import { resetPasswordBodySchema } from "@/lib/auth/admin-schemas";
import { adminContext, resetPassword } from "@/lib/auth/users";
import { toUserView } from "@/lib/auth/dto";

export const runtime = "nodejs";

export const POST = route<{ username: string }>(async (request, { params, principal }) => {
  const body = await parseJsonBody(request, resetPasswordBodySchema);
  const { user, generatedPassword } = await resetPassword(await adminContext(request, principal), params.username, body.password);
  return Response.json({ user: toUserView(user), generatedPassword });
}, { permission: "administer" });
