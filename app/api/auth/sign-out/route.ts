// POST /api/auth/sign-out – ends the session on the server and drops the cookie
import { route } from "@/lib/api/route";
import { authenticate } from "@/lib/auth/authenticate";
import { clientAddress, userAgent } from "@/lib/security/client-address";
import { authDeps } from "@/lib/auth/auth-deps";
import { clearSessionCookieHeader, isHttpsRequest, readSessionCookie } from "@/lib/auth/sessions";
import { signOut } from "@/lib/auth/sign-in";

export const runtime = "nodejs";

// Public, so that a browser whose session already ended can still clear its cookie; it is a POST,
// so the cross-origin check keeps other sites from signing people out.
export const POST = route(async (request) => {
  const deps = await authDeps();
  const authentication = await authenticate(request.headers, deps, { allowBearer: false });
  const ended = await signOut(
    { store: deps.store, now: () => new Date() },
    {
      sessionToken: readSessionCookie(request.headers.get("cookie")),
      principal: authentication.status === "authenticated" ? authentication.principal : null,
      clientAddress: clientAddress(request.headers),
      userAgent: userAgent(request.headers),
    },
  );
  return Response.json({ signedOut: ended }, { headers: { "Set-Cookie": clearSessionCookieHeader(isHttpsRequest(request.headers, request.url)) } });
}, { public: true });
