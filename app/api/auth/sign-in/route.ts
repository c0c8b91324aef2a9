// POST /api/auth/sign-in – username and password for a session cookie (throttled; see lib/auth/sign-in.ts)
import { parseJsonBody, route } from "@/lib/api/route";
import { clientAddress, userAgent } from "@/lib/security/client-address";
import { signInRequestSchema } from "@/lib/auth/credential-rules";
import { authDeps } from "@/lib/auth/auth-deps";
import { cookieMaxAgeSeconds, isHttpsRequest, readSessionCookie, sessionCookieHeader } from "@/lib/auth/sessions";
import { signIn, signInRefusal } from "@/lib/auth/sign-in";
import { AccessRefusal } from "@/lib/domain/errors";
import { getConfig } from "@/lib/config/env";
import { logger } from "@/lib/log";

export const runtime = "nodejs";

export const POST = route(async (request) => {
  const { username, password } = await parseJsonBody(request, signInRequestSchema);
  const deps = await authDeps();
  if (!deps.accounts.ready) throw new AccessRefusal("no_accounts", deps.accounts.problem);

  const address = clientAddress(request.headers);
  const result = await signIn(
    { ...deps, now: () => new Date(), localSignIn: getConfig().LOCAL_SIGN_IN },
    {
      username,
      password,
      clientAddress: address,
      userAgent: userAgent(request.headers),
      previousSessionToken: readSessionCookie(request.headers.get("cookie")),
    },
  );

  if (result.outcome !== "signed_in") {
    if (result.outcome === "invalid_credentials") logger.info("sign_in_failed", { address });
    else if (result.outcome === "local_refused") logger.info("local_sign_in_refused", { address, policy: result.policy });
    else logger.warn("sign_in_throttled", { address, locked: result.locked, retryAfterSeconds: result.retryAfterSeconds });
    throw signInRefusal(result);
  }

  logger.info("signed_in", { username: result.principal.username, role: result.principal.role, address });
  const cookie = sessionCookieHeader(result.sessionToken, isHttpsRequest(request.headers, request.url), cookieMaxAgeSeconds(deps.policy));
  return Response.json({ user: { username: result.principal.username, role: result.principal.role } }, { headers: { "Set-Cookie": cookie } });
}, { public: true });
