// GET /api/auth/oidc/callback – the provider's redirect back: a session cookie and 302 to `next`, or a refusal (4xx, no session)
import { route } from "@/lib/api/route";
import { clearFlowCookieHeader, finishOidcSignIn, oidcDeps, readFlowCookie } from "@/lib/auth/oidc";
import { refusalResponse } from "../refusal";
import { cookieMaxAgeSeconds, isHttpsRequest, readSessionCookie, sessionCookieHeader } from "@/lib/auth/sessions";
import { clientAddress, userAgent } from "@/lib/security/client-address";

export const runtime = "nodejs";

export const GET = route(async (request) => {
  const secure = isHttpsRequest(request.headers, request.url);
  const cookieHeader = request.headers.get("cookie");
  // The flow cookie is spent whatever happens: a round trip is finished once.
  const clearFlow = clearFlowCookieHeader(secure);
  try {
    const deps = await oidcDeps();
    const result = await finishOidcSignIn(deps, {
      search: new URL(request.url).search,
      flowId: readFlowCookie(cookieHeader),
      clientAddress: clientAddress(request.headers),
      userAgent: userAgent(request.headers),
      previousSessionToken: readSessionCookie(cookieHeader),
    });
    const headers = new Headers({ Location: result.next });
    headers.append("Set-Cookie", sessionCookieHeader(result.sessionToken, secure, cookieMaxAgeSeconds(deps.policy)));
    headers.append("Set-Cookie", clearFlow);
    return new Response(null, { status: 302, headers });
  } catch (error) {
    const response = refusalResponse(request, error);
    response.headers.append("Set-Cookie", clearFlow);
    return response;
  }
}, { public: true });
