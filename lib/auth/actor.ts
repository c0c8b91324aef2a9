import "server-only";
import type { ResetActor } from "@/lib/audit/schema";

/** The client's address as the server saw it (Next.js sets x-forwarded-for from the socket). */
export function clientAddress(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || null;
}

/**
 * Who is acting. Until operator sign-in exists every caller is the single configured operator;
 * the record still captures the client address and user agent.
 */
export function actorFromRequest(request: Request): ResetActor {
  return {
    username: process.env.CONSOLE_OPERATOR_NAME?.trim() || "operator",
    role: "operator",
    address: clientAddress(request),
    userAgent: request.headers.get("user-agent"),
  };
}
