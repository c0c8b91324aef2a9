import "server-only";
import type { z } from "zod";
import { parseJsonBody } from "./body";

/** A JSON body that may be left out entirely (then it is `{}`): POST …/approve, …/cancel. */
export async function parseOptionalJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  if (request.body === null || request.headers.get("content-length") === "0") return schema.parse({});
  return parseJsonBody(request, schema);
}
