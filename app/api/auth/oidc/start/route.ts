// GET /api/auth/oidc/start?next=/path – sends the browser to the identity provider (302), with a short-lived flow cookie
import { route } from "@/lib/api/route";
import { flowCookieHeader, oidcDeps, startOidcSignIn } from "@/lib/auth/oidc";
import { refusalResponse } from "../refusal";
import { isHttpsRequest } from "@/lib/auth/sessions";

export const runtime = "nodejs";

export const GET = route(async (request) => {
  const secure = isHttpsRequest(request.headers, request.url);
  try {
    const deps = await oidcDeps();
    const { redirectTo, flowId } = await startOidcSignIn(deps, { next: new URL(request.url).searchParams.get("next") });
    return new Response(null, { status: 302, headers: { Location: redirectTo, "Set-Cookie": flowCookieHeader(flowId, secure) } });
  } catch (error) {
    return refusalResponse(request, error);
  }
}, { public: true });
