// The one table from domain error code to HTTP status, and the one converter: every code has a
// status, and the answers keep the shape (and the statuses) the API has always had.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ERROR_STATUS, toErrorResponse } from "@/lib/api/errors";
import { ExportLimitExceededError } from "@/lib/audit/errors";
import { UserError } from "@/lib/auth/user-errors";
import { AccessRefusal, DOMAIN_ERROR_CODES, DomainError, NotFoundError, GuardRefusal, ResetRefusal } from "@/lib/domain/errors";
import { DtsError, type DtsErrorDetails } from "@/lib/dts/errors";

process.env.LOG_LEVEL = "silent";

async function answer(error: unknown, headers: HeadersInit = {}) {
  const response = toErrorResponse(error, headers);
  return { status: response.status, headers: response.headers, body: (await response.json()) as { error: Record<string, unknown> } };
}

function dtsError(details: Partial<DtsErrorDetails>): DtsError {
  return new DtsError({
    kind: "server",
    action: "DescribeDtsJobs",
    code: null,
    message: "DTS failed",
    requestId: "REQ-1",
    httpStatus: 500,
    retrySafe: true,
    retryAfterMs: null,
    attempts: 1,
    underlyingKind: null,
    ...details,
  });
}

describe("the error → status table", () => {
  it("has a status for every domain code, and nothing else", () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...DOMAIN_ERROR_CODES].sort());
    for (const code of DOMAIN_ERROR_CODES) {
      expect(ERROR_STATUS[code], code).toBeGreaterThanOrEqual(400);
      expect(ERROR_STATUS[code], code).toBeLessThan(600);
    }
  });

  it("answers every status the README documents for a code", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    const documented = [...readme.matchAll(/`(\d{3}) ([a-z_]+)`/g)].map((m) => [m[2]!, Number(m[1])] as const);
    expect(documented.length).toBeGreaterThan(15);
    for (const [code, status] of documented) {
      expect(ERROR_STATUS[code as keyof typeof ERROR_STATUS], code).toBe(status);
    }
  });
});

describe("toErrorResponse", () => {
  it("answers a reset refusal with its status, code, message and data", async () => {
    const reply = await answer(new ResetRefusal("not_resettable", "The task is prechecking.", { status: "Prechecking" }), { "Cache-Control": "no-store" });
    expect(reply.status).toBe(409);
    expect(reply.body).toEqual({ error: { code: "not_resettable", message: "The task is prechecking.", status: "Prechecking" } });
    expect(reply.headers.get("cache-control")).toBe("no-store");
  });

  it("answers an account refusal without extra fields, as before", async () => {
    const reply = await answer(new UserError("user_exists", 'The username "bob" is already taken.'));
    expect(reply.status).toBe(409);
    expect(reply.body).toEqual({ error: { code: "user_exists", message: 'The username "bob" is already taken.' } });
    expect((await answer(new UserError("token_not_found", "none"))).status).toBe(404);
  });

  it("turns retryAfterSeconds of a 429 into Retry-After", async () => {
    const reply = await answer(new AccessRefusal("sign_in_locked", "Locked for 15 minutes.", { retryAfterSeconds: 900 }));
    expect(reply.status).toBe(429);
    expect(reply.headers.get("retry-after")).toBe("900");
    expect(reply.body).toEqual({ error: { code: "sign_in_locked", message: "Locked for 15 minutes.", retryAfterSeconds: 900 } });
    expect((await answer(new AccessRefusal("forbidden", "no", { retryAfterSeconds: 5 }))).headers.get("retry-after")).toBeNull();
  });

  it("answers a zod error as 400 invalid_request with its issues", async () => {
    const parsed = z.strictObject({ reason: z.string().min(3) }).safeParse({ reason: "x", force: true });
    const reply = await answer(parsed.error);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("invalid_request");
    expect(reply.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: "reason" })]));
  });

  it.each([
    ["not_found", 404, "task_not_found"],
    ["timeout", 503, "dts_unavailable"],
    ["network", 503, "dts_unavailable"],
    ["unknown_outcome", 504, "outcome_unknown"],
    ["throttled", 503, "dts_throttled"],
  ] as const)("maps a DTS %s failure to %s %s with DTS's facts", async (kind, status, code) => {
    const reply = await answer(dtsError({ kind, code: "Some.Code" }));
    expect(reply.status).toBe(status);
    expect(reply.body.error).toEqual({
      code,
      message: "DTS failed",
      dtsCode: "Some.Code",
      requestId: "REQ-1",
      httpStatus: 500,
      retrySafe: true,
      kind,
      action: "DescribeDtsJobs",
      attempts: 1,
    });
  });

  it("keeps the bodies of lookups, exports and the store", async () => {
    expect(await answer(new NotFoundError("reset_not_found", "No reset record x."))).toMatchObject({ status: 404, body: { error: { code: "reset_not_found", message: "No reset record x." } } });
    const tooMany = await answer(new ExportLimitExceededError(10));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toEqual({ error: { code: "export_too_large", message: new ExportLimitExceededError(10).message } });
    expect((await answer(new AccessRefusal("auth_unavailable", "down"))).status).toBe(503);
    expect((await answer(new GuardRefusal("audit_unavailable", "down"))).status).toBe(503);
  });

  it("answers anything unexpected as 500 internal_error without its message", async () => {
    const reply = await answer(new Error("secret path /etc/x"));
    expect(reply).toMatchObject({ status: 500, body: { error: { code: "internal_error" } } });
    expect(JSON.stringify(reply.body)).not.toContain("/etc/x");
  });

  it("is the base type of every refusal", () => {
    for (const error of [new UserError("last_admin", "x"), new ExportLimitExceededError(1), new GuardRefusal("task_just_reset", "x")]) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toBeInstanceOf(Error);
    }
  });
});
