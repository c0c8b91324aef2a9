import "server-only";
import { z } from "zod";
import { invalidRequest, toErrorResponse } from "./errors";

export const NO_STORE = { "Cache-Control": "no-store" } as const;

type RouteContext<P> = { params: Promise<P> };

/**
 * Wraps a route handler: every response is uncacheable and every failure goes through the
 * single error funnel. Authorization will hook in here.
 */
export function route<P = Record<string, string>>(
  handler: (request: Request, context: { params: P }) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const response = await handler(request, { params: await context.params });
      response.headers.set("Cache-Control", "no-store");
      return response;
    } catch (error) {
      return toErrorResponse(error, NO_STORE);
    }
  };
}

export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const params = Object.fromEntries(
    [...new URL(request.url).searchParams.entries()].filter(([, value]) => value !== ""),
  );
  return schema.parse(params);
}

export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw invalidRequest("Send the body as JSON with Content-Type: application/json.");
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw invalidRequest("The request body is not valid JSON.");
  }
  return schema.parse(body);
}

export function json(data: unknown, init: ResponseInit = {}): Response {
  return Response.json(data, init);
}
