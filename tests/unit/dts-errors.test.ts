import { describe, expect, it } from "vitest";
import { asUnknownOutcome, errorFromAnswer, errorFromThrown, kindForCode } from "@/lib/dts/classify";
import { sanitizeMessage, substituteDynamicMessage } from "@/lib/dts/errors";

const timeouts = { connectTimeoutMs: 5000, readTimeoutMs: 15000 };

describe("error kinds", () => {
  it.each([
    ["Throttling.User", 400, "throttled"],
    ["SignatureDoesNotMatch", 400, "auth"],
    ["InvalidAccessKeyId.NotFound", 404, "auth"],
    ["InvalidTimeStamp.Expired", 400, "auth"],
    ["InvalidSecurityToken.Expired", 403, "auth"],
    ["Forbidden.InstanceNotFound", 404, "not_found"],
    ["InvalidParameter", 400, "invalid"],
    ["MissingParameter", 400, "invalid"],
    ["InvalidAction.NotFound", 404, "invalid"],
    ["OperationDenied.JobStatus", 403, "conflict"],
    ["InternalError", 500, "server"],
    ["ServiceUnavailable", 503, "server"],
    [null, 502, "server"],
  ] as const)("%s at HTTP %s is %s", (code, status, kind) => {
    expect(kindForCode(code, status)).toBe(kind);
  });
});

describe("answered failures", () => {
  it("reads the gateway body", () => {
    const e = errorFromAnswer("DescribeDtsJobs", 400, { Code: "Throttling.User", Message: "Request was denied due to user flow control.", RequestId: "R1" });
    expect(e.details).toMatchObject({ kind: "throttled", code: "Throttling.User", requestId: "R1", httpStatus: 400, retrySafe: true });
  });

  it("reads DTS's own body and substitutes DynamicMessage into %s", () => {
    const e = errorFromAnswer("ResetDtsJob", 200, {
      Success: false,
      ErrCode: "InvalidParameter",
      ErrMessage: "The Value of Input Parameter %s is not valid.",
      DynamicMessage: "DtsJobId",
      HttpStatusCode: 400,
      RequestId: "R2",
    });
    expect(e.message).toBe("The Value of Input Parameter DtsJobId is not valid.");
    expect(e.details).toMatchObject({ kind: "invalid", httpStatus: 200, requestId: "R2" });
  });

  it("ignores the SDK's literal 'undefined' code and uses the body", () => {
    const thrown = Object.assign(new Error("undefined: code: 400, undefined request id: X"), {
      name: "ClientError",
      code: "undefined",
      statusCode: 400,
      data: { ErrCode: "InvalidParameter", ErrMessage: "bad %s", DynamicMessage: "Region", RequestId: "X" },
    });
    const e = errorFromThrown("DescribeDtsJobs", thrown, timeouts);
    expect(e.details).toMatchObject({ code: "InvalidParameter", message: "bad Region", requestId: "X" });
  });

  it("never repeats the server's string to sign, which can hold a security token", () => {
    const e = errorFromAnswer("DescribeDtsJobs", 400, {
      Code: "SignatureDoesNotMatch",
      Message: "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&SecurityToken%3Dsecret-token",
    });
    expect(e.message).toBe("Specified signature is not matched with our calculation.");
    expect(JSON.stringify(e)).not.toContain("secret-token");
  });
});

describe("transport failures", () => {
  it("a refused connection was certainly not sent", () => {
    const e = errorFromThrown("ResetDtsJob", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1 POST http://127.0.0.1:1/?Signature=abc failed."), { code: "ECONNREFUSED" }), timeouts);
    expect(e.details).toMatchObject({ kind: "network", retrySafe: true });
    expect(e.message).not.toContain("Signature");
  });

  it("a timeout or a dropped connection may have reached DTS", () => {
    const timeout = errorFromThrown("ResetDtsJob", Object.assign(new Error("ReadTimeout(15000). POST http://x/?a=b failed."), { name: "RequestTimeoutError" }), timeouts);
    expect(timeout.details).toMatchObject({ kind: "timeout", retrySafe: false });
    const reset = errorFromThrown("ResetDtsJob", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), timeouts);
    expect(reset.details).toMatchObject({ kind: "network", retrySafe: false });
    expect(asUnknownOutcome(timeout).details).toMatchObject({ kind: "unknown_outcome", underlyingKind: "timeout" });
    expect(asUnknownOutcome(reset).kind).toBe("unknown_outcome");
  });

  it("an HTML page where JSON was expected is a malformed response", () => {
    const e = errorFromThrown("DescribeDtsJobs", new SyntaxError("Unexpected token < in JSON"), timeouts);
    expect(e.kind).toBe("malformed_response");
  });
});

describe("message helpers", () => {
  it("substitutes every %s and leaves templates without one alone", () => {
    expect(substituteDynamicMessage("%s and %s", "X")).toBe("X and X");
    expect(substituteDynamicMessage("plain", "X")).toBe("plain");
    expect(substituteDynamicMessage("keep %s", null)).toBe("keep %s");
  });

  it("redacts URLs and signing parameters", () => {
    expect(sanitizeMessage("failed POST https://dts.aliyuncs.com/?Signature=abc&SecurityToken=t")).toBe("failed POST [url]");
    expect(sanitizeMessage("Signature=abc")).toBe("Signature=[redacted]");
  });
});
