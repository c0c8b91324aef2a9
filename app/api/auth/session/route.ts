// GET /api/auth/session – who the caller is and what their role allows
import { route } from "@/lib/api/route";
import { hasRole, resetPermission } from "@/lib/domain/roles";

export const runtime = "nodejs";

export const GET = route(async (_request, { principal }) => {
  return Response.json({
    user: { username: principal.username, role: principal.role, kind: principal.kind },
    permissions: { ...resetPermission(principal.role), canManageUsers: hasRole(principal.role, "admin") },
  });
}, { permission: "view" });
