// DELETE /api/admin/tokens/{id} – revoke an API token (the record stays, marked revoked)
import { z } from "zod";
import { route } from "@/lib/api/route";
import { TOKEN_ID_PATTERN } from "@/lib/auth/admin-schemas";
import { adminContext } from "@/lib/auth/users";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { toApiTokenView } from "@/lib/auth/dto";

export const runtime = "nodejs";

const tokenIdParam = z.string().regex(TOKEN_ID_PATTERN, "the token id has an unexpected format");

export const DELETE = route<{ id: string }>(async (request, { params, principal }) => {
  const id = tokenIdParam.parse(params.id);
  const token = await revokeApiToken(await adminContext(request, principal), id);
  return Response.json({ token: toApiTokenView(token) });
}, { permission: "administer" });
