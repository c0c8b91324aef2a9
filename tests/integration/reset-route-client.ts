// Calls the reset route handler as Next.js does (a Request in, a Response out), for the contention
// tests in this process and in child processes (reset-contention-child.ts).
import type { ResetRequest } from "@/lib/domain/reset";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";

export const BASE = "http://127.0.0.1:3100";

export type RouteHandler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

export interface ResetCall {
  jobId: string;
  body: Partial<ResetRequest> & Record<string, unknown>;
}

export interface ResetAnswer {
  status: number;
  code: string | null;
  replayed: boolean | null;
  /** The record the answer names: the reset done, replayed, blocking or just completed. */
  resetId: string | null;
  direction: string;
}

export function resetRequest(call: { jobId: string; cookie: string; body: BodyInit | null; headers?: Record<string, string> }): Request {
  const headers = new Headers({ "content-type": "application/json", cookie: call.cookie, "x-forwarded-for": "198.51.100.7", ...call.headers });
  const init: RequestInit & { duplex?: "half" } = { method: "POST", headers, body: call.body };
  if (call.body instanceof ReadableStream) init.duplex = "half";
  return new Request(`${BASE}/api/jobs/${encodeURIComponent(call.jobId)}/reset`, init);
}

export function params(value: Record<string, string>): { params: Promise<never> } {
  return { params: Promise.resolve(value) as Promise<never> };
}

export async function readAnswer(response: Response, direction: string): Promise<ResetAnswer> {
  const body = (await response.json()) as { reset?: { id: string }; replayed?: boolean; error?: { code: string; reset?: { id: string } } };
  return {
    status: response.status,
    code: body.error?.code ?? null,
    replayed: body.replayed ?? null,
    resetId: body.reset?.id ?? body.error?.reset?.id ?? null,
    direction,
  };
}

export async function callReset(handler: RouteHandler, cookie: string, call: ResetCall): Promise<ResetAnswer> {
  const response = await handler(resetRequest({ jobId: call.jobId, cookie, body: JSON.stringify(call.body) }), params({ jobId: call.jobId }));
  return readAnswer(response, String(call.body.direction));
}

/** A forward reset of the two-way seed task, as a browser would send it; overrides change the body. */
export function forwardCall(reason: string, overrides: Record<string, unknown> = {}): ResetCall {
  const { twoWayRunning } = SEED_FIXTURES;
  return {
    jobId: twoWayRunning.jobId,
    body: {
      region: twoWayRunning.region,
      instanceId: twoWayRunning.instanceId,
      direction: "Forward",
      confirmation: twoWayRunning.jobId,
      reason,
      ...overrides,
    },
  };
}

/** One in-process call of a route handler, as a browser or API client would make it. */
export function callRoute(
  handler: RouteHandler,
  pathname: string,
  init: { method?: string; body?: unknown; cookie?: string; bearer?: string; clientAddress?: string } = {},
  routeParams: Record<string, string> = {},
): Promise<Response> {
  const headers = new Headers({ "x-forwarded-for": init.clientAddress ?? "198.51.100.9" });
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.bearer) headers.set("authorization", `Bearer ${init.bearer}`);
  if (init.body !== undefined) headers.set("content-type", "application/json");
  return handler(
    new Request(`${BASE}${pathname}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? null : JSON.stringify(init.body) }),
    params(routeParams),
  );
}

/** Signs a demo user in through the sign-in route; the session cookie to send with later calls. */
export async function signInCookie(signIn: RouteHandler, username: string, password = "dts-demo-password", clientAddress?: string): Promise<string> {
  const response = await callRoute(signIn, "/api/auth/sign-in", { method: "POST", body: { username, password }, clientAddress });
  if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status}`);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}
