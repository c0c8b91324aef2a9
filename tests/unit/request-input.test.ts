// Clean input: the text rule every text field shares, and the bounded JSON body reader.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_BODY_BYTES, parseJsonBody } from "@/lib/api/body";
import { DomainError } from "@/lib/domain/errors";
import { listJobsQuerySchema, listResetsQuerySchema } from "@/lib/domain/api";
import { resetRequestSchema } from "@/lib/domain/reset";
import { hasControlCharacter, text } from "@/lib/domain/text";
import { createTokenBodySchema, createUserBodySchema } from "@/lib/auth/admin-schemas";
import { newPasswordSchema, signInRequestSchema } from "@/lib/auth/credential-rules";

const validReset = {
  region: "cn-hangzhou",
  instanceId: "dtsl3m1213ye7l3k2j",
  direction: "Forward",
  confirmation: "l3m1213ye7l3k2j",
  reason: "Stuck after DDL",
};

describe("text()", () => {
  it.each(["\u0000", "\u0001", "\u000B", "\u001B", "\r", "\u007F", "\u0085", "\u009F"])("refuses %j anywhere, multi-line or not", (c) => {
    for (const multiline of [false, true]) {
      expect(text({ max: 50, multiline }).safeParse(`ab${c}cd`).success).toBe(false);
      expect(text({ max: 50, multiline }).safeParse(`abcd${c}`).success).toBe(false);
    }
  });

  it("allows tab and line feed only in multi-line text", () => {
    expect(text({ max: 50, multiline: true }).parse("line one\n\tline two")).toBe("line one\n\tline two");
    expect(text({ max: 50, multiline: true }).parse("line one\r\nline two")).toBe("line one\r\nline two");
    expect(text({ max: 50, multiline: true }).safeParse("line one\rline two").success).toBe(false);
    expect(text({ max: 50 }).safeParse("line one\nline two").success).toBe(false);
    expect(text({ max: 50 }).safeParse("a\tb").success).toBe(false);
    expect(hasControlCharacter("a\tb", true)).toBe(false);
  });

  it("normalises to NFC and counts the length afterwards", () => {
    const decomposed = "e\u0301".repeat(3); // 6 code units, 3 characters in NFC
    expect(text({ max: 3 }).parse(decomposed)).toBe("\u00e9".repeat(3));
    expect(text({ max: 3, normalize: false }).safeParse(decomposed).success).toBe(false);
    expect(text({ max: 5, min: 3 }).parse("  abc  ")).toBe("abc");
    expect(text({ max: 5, min: 3 }).safeParse("  ab  ").success).toBe(false);
  });
});

describe("every text field of the API refuses control characters", () => {
  it.each([
    ["reset reason (NUL)", () => resetRequestSchema.safeParse({ ...validReset, reason: "because\u0000" })],
    ["reset reason (ESC)", () => resetRequestSchema.safeParse({ ...validReset, reason: "because \u001B[31m" })],
    ["reset instanceId", () => resetRequestSchema.safeParse({ ...validReset, instanceId: "dts\u0000x" })],
    ["reset confirmation", () => resetRequestSchema.safeParse({ ...validReset, confirmation: "l3m1213ye7l3k2j\u0000" })],
    ["task search", () => listJobsQuerySchema.safeParse({ region: "cn-hangzhou", q: "orders\u0000" })],
    ["status filter", () => listJobsQuerySchema.safeParse({ region: "cn-hangzhou", status: "\nSynchronizing" })],
    ["history task filter", () => listResetsQuerySchema.safeParse({ task: "x\u0007" })],
    ["history actor filter", () => listResetsQuerySchema.safeParse({ actor: "x\u0085" })],
    ["history date", () => listResetsQuerySchema.safeParse({ from: "\u00002025-01-01" })],
    ["new username", () => createUserBodySchema.safeParse({ username: "bob\u0000", role: "viewer" })],
    ["new password", () => createUserBodySchema.safeParse({ username: "bob", role: "viewer", password: "correct horse\u0000battery" })],
    ["token name", () => createTokenBodySchema.safeParse({ name: "ci\u0000", role: "viewer" })],
    ["sign-in username", () => signInRequestSchema.safeParse({ username: "demo\u0000", password: "dts-demo-password" })],
    ["sign-in password", () => signInRequestSchema.safeParse({ username: "demo", password: "dts-demo-password\u0000" })],
  ])("%s", (_name, parse) => {
    expect(parse().success).toBe(false);
  });

  it("keeps line breaks and tabs in a reason, normalised", () => {
    expect(resetRequestSchema.parse({ ...validReset, reason: " Cafe\u0301:\n\tstuck " }).reason).toBe("Caf\u00e9:\n\tstuck");
  });

  it("does not rewrite a password", () => {
    expect(newPasswordSchema.parse(" Cafe\u0301 password ")).toBe(" Cafe\u0301 password ");
  });
});

function jsonRequest(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request("http://127.0.0.1/api/x", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const anything = z.record(z.string(), z.unknown());

describe("parseJsonBody", () => {
  it("parses a JSON object", async () => {
    expect(await parseJsonBody(jsonRequest('{"a":1}'), anything)).toEqual({ a: 1 });
  });

  it.each([
    ["malformed JSON", "{not json", "not valid JSON"],
    ["an array", "[1,2]", "must be a JSON object"],
    ["a string", '"hello"', "must be a JSON object"],
    ["null", "null", "must be a JSON object"],
    ["nothing", "", "not valid JSON"],
    ["deep nesting", `{"a":${"[".repeat(5000)}${"]".repeat(5000)}}`, "nested"],
  ])("refuses %s with invalid_request", async (_name, body, message) => {
    const error = await refusal(parseJsonBody(jsonRequest(body), anything));
    expect(error.code).toBe("invalid_request");
    expect(error.message).toContain(message);
  });

  it("refuses invalid UTF-8", async () => {
    const error = await refusal(parseJsonBody(jsonRequest(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])), anything));
    expect(error.code).toBe("invalid_request");
  });

  it("refuses a body whose declared length is over the limit before reading it", async () => {
    let pulled = false;
    const stream = new ReadableStream<Uint8Array>({ pull: () => void (pulled = true) }, { highWaterMark: 0 });
    const error = await refusal(parseJsonBody(jsonRequest(stream, { "content-length": String(MAX_BODY_BYTES + 1) }), anything));
    expect(error.code).toBe("payload_too_large");
    expect(pulled).toBe(false);
  });

  it("stops reading a body without a length as soon as it passes the limit", async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }, { highWaterMark: 0 });
    const error = await refusal(parseJsonBody(jsonRequest(endless), anything));
    expect(error.code).toBe("payload_too_large");
    expect(sent).toBeLessThanOrEqual(MAX_BODY_BYTES + chunk.byteLength);
  });

  it("refuses a 1 MiB body", async () => {
    const big = JSON.stringify({ reason: "x".repeat(1024 * 1024) });
    expect((await refusal(parseJsonBody(jsonRequest(big), anything))).code).toBe("payload_too_large");
  });

  it("keeps refusing a body that is not JSON by its content type", async () => {
    const error = await refusal(parseJsonBody(jsonRequest("a=b", { "content-type": "application/x-www-form-urlencoded" }), anything));
    expect(error.code).toBe("invalid_request");
  });
});
