// POST /api/auth/sign-out – ends the session on the server and drops the cookie; for a session from the identity provider, `redirectTo` is its logout address
import { route } from "@/lib/api/route";
import { authenticate } from "@/lib/auth/authenticate";
import { clientAddress, userAgent } from "@/lib/security/client-address";
import { authDeps } from "@/lib/auth/auth-deps";
import { clearSessionCookieHeader, isHttpsRequest, readSessionCookie, sessionSignInMethod } from "@/lib/auth/sessions";
import { signOut } from "@/lib/auth/sign-in";
import { oidcSettings, providerLogoutUrl } from "@/lib/auth/oidc";
import { getConfig } from "@/lib/config/env";

export const runtime = "nodejs";

// Public, so that a browser whose session already ended can still clear its cookie; it is a POST,
// so the cross-origin check keeps other sites from signing people out.
export const POST = route(async (request) => {
  const deps = await authDeps();
  const authentication = await authenticate(request.headers, deps, { allowBearer: false });
  const sessionToken = readSessionCookie(request.headers.get("cookie"));
  // Read before the session ends: a session from the provider also ends there (RP-initiated
  // logout), with the ID token kept server-side as id_token_hint; the browser sees it only in this URL.
  const method = authentication.status === "authenticated" && sessionToken ? await sessionSignInMethod(deps.store, sessionToken) : null;
  const settings = method?.authMethod === "oidc" && method.idToken ? oidcSettings(getConfig()) : null;
  const ended = await signOut(
    { store: deps.store, now: () => new Date() },
    {
      sessionToken,
      principal: authentication.status === "authenticated" ? authentication.principal : null,
      clientAddress: clientAddress(request.headers),
      userAgent: userAgent(request.headers),
    },
  );
  const redirectTo = ended && settings && method?.idToken ? await providerLogoutUrl(settings, method.idToken) : null;
  return Response.json({ signedOut: ended, ...(redirectTo ? { redirectTo } : {}) }, { headers: { "Set-Cookie": clearSessionCookieHeader(isHttpsRequest(request.headers, request.url)) } });
}, { public: true });
