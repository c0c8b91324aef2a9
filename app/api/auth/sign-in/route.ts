// POST /api/auth/sign-in – username and password for a session cookie (throttled; see lib/auth/sign-in.ts)
import { parseJsonBody, route } from "@/lib/api/route";
import { clientAddress, userAgent } from "@/lib/auth/client-address";
import { signInRequestSchema } from "@/lib/auth/credential-rules";
import { authDeps } from "@/lib/auth/request-context";
import { isHttpsRequest, readSessionCookie, sessionCookieHeader } from "@/lib/auth/session-cookie";
import { cookieMaxAgeSeconds } from "@/lib/auth/session-policy";
import { signIn } from "@/lib/auth/sign-in";
import { AccessRefusal } from "@/lib/domain/errors";
import { logger } from "@/lib/log";

export const runtime = "nodejs";

export const POST = route(async (request) => {
  const { username, password } = await parseJsonBody(request, signInRequestSchema);
  const deps = await authDeps();
  if (!deps.accounts.ready) throw new AccessRefusal("no_accounts", deps.accounts.problem);

  const address = clientAddress(request.headers);
  const result = await signIn(
    { ...deps, now: () => new Date() },
    {
      username,
      password,
      clientAddress: address,
      userAgent: userAgent(request.headers),
      previousSessionToken: readSessionCookie(request.headers.get("cookie")),
    },
  );

  if (result.outcome === "throttled") {
    logger.warn("sign_in_throttled", { address, locked: result.locked, retryAfterSeconds: result.retryAfterSeconds });
    const wait = result.retryAfterSeconds >= 120 ? `${Math.ceil(result.retryAfterSeconds / 60)} minutes` : `${result.retryAfterSeconds} seconds`;
    throw new AccessRefusal(
      result.locked ? "sign_in_locked" : "sign_in_throttled",
      result.locked
        ? `Too many failed sign-ins: signing in is locked for ${wait}. An admin can lift the lock by resetting the password.`
        : `Too many failed sign-ins: wait ${wait} before trying again.`,
      // The edge turns retryAfterSeconds into the Retry-After header.
      { retryAfterSeconds: result.retryAfterSeconds },
    );
  }
  if (result.outcome === "invalid_credentials") {
    logger.info("sign_in_failed", { address });
    // One message for every cause (unknown name, wrong password, disabled account), so the answer
    // does not tell which usernames exist.
    throw new AccessRefusal("invalid_credentials", "The username or password is incorrect.");
  }

  logger.info("signed_in", { username: result.principal.username, role: result.principal.role, address });
  const cookie = sessionCookieHeader(result.sessionToken, isHttpsRequest(request.headers, request.url), cookieMaxAgeSeconds(deps.policy));
  return Response.json({ user: { username: result.principal.username, role: result.principal.role } }, { headers: { "Set-Cookie": cookie } });
}, { public: true });
