// GET /api/admin/tokens – every API token (never a secret); POST – create one, its secret shown once
import { parseJsonBody, route } from "@/lib/api/route";
import { createTokenBodySchema } from "@/lib/auth/admin-schemas";
import { adminContext } from "@/lib/auth/users";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { toApiTokenView } from "@/lib/auth/dto";

export const runtime = "nodejs";

export const GET = route(async (request, { principal }) => {
  const context = await adminContext(request, principal);
  return Response.json({ items: (await listApiTokens(context.store)).map(toApiTokenView) });
}, { permission: "administer" });

export const POST = route(async (request, { principal }) => {
  const body = await parseJsonBody(request, createTokenBodySchema);
  const { token, presented } = await createApiToken(await adminContext(request, principal), body);
  return Response.json({ token: toApiTokenView(token), secret: presented }, { status: 201 });
}, { permission: "administer" });
