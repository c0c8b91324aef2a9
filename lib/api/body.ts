import "server-only";
// Reading a JSON request body defensively: a size limit enforced before parsing (the declared
// Content-Length first, then the bytes actually received), strict UTF-8, an object at the top, and
// a bounded nesting depth. Every refusal is a 4xx with the API's error shape, before any use case runs.
import { z } from "zod";
import { InvalidRequest } from "@/lib/domain/errors";
import { invalidRequest } from "./errors";

/** Far above any legitimate body of this API (a reset request is well under 2 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;
/** The API's bodies are flat objects; anything deeper than this is not a request we could accept. */
export const MAX_BODY_DEPTH = 16;

function tooLarge(): InvalidRequest {
  return new InvalidRequest("payload_too_large", `The request body is larger than ${MAX_BODY_BYTES} bytes.`, { limitBytes: MAX_BODY_BYTES });
}

/** The body's bytes, refusing (413) as soon as they exceed the limit, whatever Content-Length said. */
async function readLimited(request: Request): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Nesting depth of a parsed JSON value, without recursion (so a hostile body cannot blow the stack). */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** Reads, bounds and parses a JSON object body, then validates it with `schema`. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw invalidRequest("Send the body as JSON with Content-Type: application/json.");
  }
  const bytes = await readLimited(request);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw invalidRequest("The request body is not valid JSON.");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw invalidRequest("The request body must be a JSON object.");
  }
  if (depthExceeds(body, MAX_BODY_DEPTH)) {
    throw invalidRequest(`The request body is nested more than ${MAX_BODY_DEPTH} levels deep.`);
  }
  return schema.parse(body);
}
