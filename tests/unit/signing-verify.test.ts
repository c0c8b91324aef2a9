// verifyRequest on requests built here: what it accepts, every rejection and the order of checks.
//
// Requests are signed with the simulator's own v1/v3 functions (which signing-vectors.test.ts
// pins to Alibaba's official vectors); the wire form is built the way the official Darabonba
// SDKs build it, with querystring.stringify, which leaves `* ! ' ( )` unencoded.

import { randomUUID } from "node:crypto";
import { stringify as sdkWireEncode } from "node:querystring";
import { beforeEach, describe, expect, it } from "vitest";
import { alibabaPercentEncode } from "@/simulator/signing/encode";
import { InMemoryNonceStore } from "@/simulator/signing/nonce-store";
import type { AccessKeyRecord, IncomingSignedRequest, VerifyOptions, VerifyResult } from "@/simulator/signing/types";
import { computeV1Signature } from "@/simulator/signing/v1";
import { computeV3Signature, sha256Hex } from "@/simulator/signing/v3";
import { verifyRequest } from "@/simulator/signing/verify";

const NOW_MS = Date.parse("2026-01-15T10:00:00Z");
const WINDOW_SECONDS = 900;
const SPECIAL_VALUE = "a b*c!(d)~'é+/=&x";
const FORM = "application/x-www-form-urlencoded";
const HOST = "127.0.0.1:18080";

const PLAIN_KEY: AccessKeyRecord = { accessKeyId: "testid", accessKeySecret: "testsecret" };
const OTHER_KEY: AccessKeyRecord = { accessKeyId: "otherid", accessKeySecret: "othersecret" };
const STS_KEY: AccessKeyRecord = {
  accessKeyId: "STS.stsid",
  accessKeySecret: "stssecret",
  securityToken: "sts-token-1",
  expiresAt: NOW_MS + 3_600_000,
};
const EXPIRED_STS_KEY: AccessKeyRecord = {
  accessKeyId: "STS.expired",
  accessKeySecret: "expiredsecret",
  securityToken: "sts-token-2",
  expiresAt: NOW_MS - 1,
};
const KEYS = [PLAIN_KEY, OTHER_KEY, STS_KEY, EXPIRED_STS_KEY];

function alibabaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

let options: VerifyOptions;
beforeEach(() => {
  options = {
    lookupKey: (id) => KEYS.find((key) => key.accessKeyId === id),
    nowMs: () => NOW_MS,
    timestampWindowSeconds: WINDOW_SECONDS,
    nonceStore: InMemoryNonceStore.forTimestampWindow(WINDOW_SECONDS),
  };
});

const verify = (req: IncomingSignedRequest): VerifyResult => verifyRequest(req, options);

function expectRejected(result: VerifyResult, httpStatus: number, code: string, message?: string): void {
  expect(result).toMatchObject({ ok: false, httpStatus, code });
  if (message !== undefined) expect(result).toMatchObject({ message });
}

const missingParameterMessage = (name: string) =>
  `The input parameter "${name}" that is mandatory for processing this request is not supplied.`;
const mismatchMessage = (stringToSign: string) =>
  `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`;

// ---------------------------------------------------------------------------------------------
// V1 request builder

function v1CommonParams(key: AccessKeyRecord = PLAIN_KEY): Record<string, string> {
  return {
    AccessKeyId: key.accessKeyId,
    Action: "ResetDtsJob",
    Version: "2020-01-01",
    Format: "json",
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: randomUUID(),
    Timestamp: alibabaTimestamp(NOW_MS),
  };
}

interface V1Spec {
  method?: string;
  /** Decoded parameters sent in the query. */
  query: Record<string, string>;
  /** Decoded parameters sent as a form body. */
  body?: Record<string, string>;
  secret?: string;
  /** Where the Signature parameter travels (openapi-core: query; pop-core POST: body). */
  signatureIn?: "query" | "body";
}

/** Signs query ∪ body, then encodes both the way the Darabonba SDKs put them on the wire. */
function v1Request(spec: V1Spec): IncomingSignedRequest {
  const method = spec.method ?? "GET";
  const body = spec.body ?? {};
  const signature = computeV1Signature(method, { ...spec.query, ...body }, spec.secret ?? PLAIN_KEY.accessKeySecret).signature;
  const query = spec.signatureIn === "body" ? spec.query : { ...spec.query, Signature: signature };
  const bodyWithSignature = spec.signatureIn === "body" ? { ...body, Signature: signature } : body;
  const hasBody = Object.keys(bodyWithSignature).length > 0;
  return {
    method,
    path: "/",
    rawQuery: sdkWireEncode(query),
    headers: { host: HOST, ...(hasBody ? { "content-type": FORM } : {}) },
    body: Buffer.from(hasBody ? sdkWireEncode(bodyWithSignature) : ""),
  };
}

const BUSINESS = { DtsJobId: "abc123", SynchronizationDirection: "Forward" };

// ---------------------------------------------------------------------------------------------
// V3 request builder

interface V3Spec {
  method?: string;
  query?: Record<string, string>;
  /** Decoded parameters sent as a form body (content-type is then signed too). */
  body?: Record<string, string>;
  key?: AccessKeyRecord;
  /** Sign with this secret instead of the key's. */
  secret?: string;
  /** Extra headers, signed like the SDK signs them (x-acs-*, host, content-type). */
  headers?: Record<string, string>;
  /** Sent token (x-acs-security-token); defaults to the key's own. */
  securityToken?: string | null;
}

function v3Request(spec: V3Spec = {}): IncomingSignedRequest {
  const key = spec.key ?? PLAIN_KEY;
  const query = spec.query ?? {};
  const bodyText = spec.body ? sdkWireEncode(spec.body) : "";
  const token = spec.securityToken === null ? undefined : (spec.securityToken ?? key.securityToken);
  const headers: Record<string, string> = {
    host: HOST,
    "x-acs-action": "ResetDtsJob",
    "x-acs-version": "2020-01-01",
    "x-acs-date": alibabaTimestamp(NOW_MS),
    "x-acs-signature-nonce": randomUUID().replace(/-/g, ""),
    "x-acs-content-sha256": sha256Hex(bodyText),
    ...(spec.body ? { "content-type": FORM } : {}),
    ...(token !== undefined ? { "x-acs-security-token": token, "x-acs-accesskey-id": key.accessKeyId } : {}),
    ...spec.headers,
  };
  return signV3(
    {
      method: spec.method ?? "POST",
      path: "/",
      rawQuery: sdkWireEncode(query),
      headers: { ...headers, "user-agent": "vitest", accept: "application/json" },
      body: Buffer.from(bodyText),
    },
    key.accessKeyId,
    spec.secret ?? key.accessKeySecret,
    query,
  );
}

/** Adds the Authorization header over every x-acs-*, host and content-type header present. */
function signV3(
  req: IncomingSignedRequest,
  accessKeyId: string,
  secret: string,
  decodedQuery: Record<string, string>,
): IncomingSignedRequest {
  const signedHeaders = Object.keys(req.headers)
    .filter((name) => name.startsWith("x-acs-") || name === "host" || name === "content-type")
    .sort();
  const { signature } = computeV3Signature(
    {
      httpMethod: req.method,
      path: req.path,
      queryParams: decodedQuery,
      headers: req.headers,
      signedHeaders,
      hashedPayload: sha256Hex(req.body),
    },
    secret,
  );
  const authorization = `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${signedHeaders.join(";")},Signature=${signature}`;
  return { ...req, headers: { ...req.headers, authorization } };
}

function withAuthorization(req: IncomingSignedRequest, authorization: string): IncomingSignedRequest {
  return { ...req, headers: { ...req.headers, authorization } };
}

function withHeaders(req: IncomingSignedRequest, headers: Record<string, string | undefined>): IncomingSignedRequest {
  return { ...req, headers: { ...req.headers, ...headers } };
}

/** The server's V1 string to sign for a received request, for exact mismatch messages. */
function v1StringToSignOf(req: IncomingSignedRequest): string {
  const params = Object.fromEntries([
    ...new URLSearchParams(req.rawQuery),
    ...(req.headers["content-type"] === FORM ? new URLSearchParams(req.body.toString()) : []),
  ]);
  return computeV1Signature(req.method, params, "irrelevant").stringToSign;
}

// =============================================================================================

describe("scheme detection", () => {
  it("answers MissingParameter Signature when neither an Authorization header nor a Signature parameter is sent", () => {
    const result = verify({ method: "GET", path: "/", rawQuery: sdkWireEncode(v1CommonParams()), headers: { host: HOST }, body: Buffer.alloc(0) });
    expect(result).toEqual({
      ok: false,
      scheme: "none",
      httpStatus: 400,
      code: "MissingParameter",
      message: missingParameterMessage("Signature"),
    });
  });

  it("treats any Authorization header as V3, even next to a valid V1 Signature parameter", () => {
    const v1 = v1Request({ query: { ...v1CommonParams(), ...BUSINESS } });
    const result = verify(withAuthorization(v1, "Bearer abc"));
    expect(result).toMatchObject({ ok: false, scheme: "V3", code: "IncompleteSignature" });
  });

  it("finds a Signature parameter in a form body", () => {
    const req = v1Request({ method: "POST", query: {}, body: { ...v1CommonParams(), ...BUSINESS }, signatureIn: "body" });
    expect(verify(req)).toMatchObject({ ok: true, scheme: "V1" });
  });
});

describe("V1 accepts", () => {
  it("a GET with everything in the query, returning only the operation's own parameters", () => {
    const result = verify(v1Request({ query: { ...v1CommonParams(), ...BUSINESS } }));
    expect(result).toEqual({
      ok: true,
      scheme: "V1",
      accessKeyId: "testid",
      action: "ResetDtsJob",
      version: "2020-01-01",
      params: BUSINESS,
    });
  });

  it("a POST with everything in the query and an empty body (openapi-core's DTS calls)", () => {
    expect(verify(v1Request({ method: "POST", query: { ...v1CommonParams(), ...BUSINESS } }))).toMatchObject({
      ok: true,
      params: BUSINESS,
    });
  });

  it("a POST with the signing parameters in the query and the operation's in a form body", () => {
    const req = v1Request({ method: "POST", query: v1CommonParams(), body: BUSINESS });
    expect(req.body.toString()).toBe("DtsJobId=abc123&SynchronizationDirection=Forward");
    expect(verify(req)).toMatchObject({ ok: true, params: BUSINESS });
  });

  it("'+' in a form body as a space, also with a charset on the content type", () => {
    const signed = v1Request({ method: "POST", query: v1CommonParams(), body: { Note: "a b c", DtsJobId: "abc123" } });
    const req: IncomingSignedRequest = {
      ...withHeaders(signed, { "content-type": `${FORM}; charset=UTF-8` }),
      body: Buffer.from("Note=a+b%20c&DtsJobId=abc123"),
    };
    expect(verify(req)).toMatchObject({ ok: true, params: { Note: "a b c", DtsJobId: "abc123" } });
  });

  it("a special-character value sent raw the way querystring.stringify sends it, in the query and in the body", () => {
    const req = v1Request({ method: "POST", query: { ...v1CommonParams(), Name: SPECIAL_VALUE }, body: { Other: SPECIAL_VALUE } });
    expect(req.rawQuery).toContain("Name=a%20b*c!(d)~'%C3%A9%2B%2F%3D%26x");
    expect(req.body.toString()).toBe("Other=a%20b*c!(d)~'%C3%A9%2B%2F%3D%26x");
    expect(verify(req)).toMatchObject({ ok: true, params: { Name: SPECIAL_VALUE, Other: SPECIAL_VALUE } });
  });

  it("the same value sent strictly encoded (pop-core style)", () => {
    const params = { ...v1CommonParams(), Name: SPECIAL_VALUE };
    const signature = computeV1Signature("GET", params, PLAIN_KEY.accessKeySecret).signature;
    const rawQuery = Object.entries({ ...params, Signature: signature })
      .map(([name, value]) => `${alibabaPercentEncode(name)}=${alibabaPercentEncode(value)}`)
      .join("&");
    expect(rawQuery).toContain("Name=a%20b%2Ac%21%28d%29~%27");
    expect(verify({ method: "GET", path: "/", rawQuery, headers: { host: HOST }, body: Buffer.alloc(0) })).toMatchObject({
      ok: true,
      params: { Name: SPECIAL_VALUE },
    });
  });

  it("an STS key with its SecurityToken", () => {
    const req = v1Request({ query: { ...v1CommonParams(STS_KEY), SecurityToken: "sts-token-1" }, secret: STS_KEY.accessKeySecret });
    expect(verify(req)).toMatchObject({ ok: true, accessKeyId: STS_KEY.accessKeyId, params: {} });
  });

  it("timestamps exactly at either edge of the window", () => {
    for (const offsetMs of [-WINDOW_SECONDS * 1000, WINDOW_SECONDS * 1000]) {
      const req = v1Request({ query: { ...v1CommonParams(), Timestamp: alibabaTimestamp(NOW_MS + offsetMs) } });
      expect(verify(req)).toMatchObject({ ok: true });
    }
  });
});

describe("V1 rejects", () => {
  it.each(["AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Action", "Version"])(
    "a request without %s (MissingParameter)",
    (name) => {
      const query = v1CommonParams();
      delete query[name];
      expectRejected(verify(v1Request({ query })), 400, "MissingParameter", missingParameterMessage(name));
    },
  );

  it("an empty Signature (MissingParameter)", () => {
    const req = { ...v1Request({ query: v1CommonParams() }), rawQuery: `${sdkWireEncode(v1CommonParams())}&Signature=` };
    expectRejected(verify(req), 400, "MissingParameter", missingParameterMessage("Signature"));
  });

  it.each([
    ["SignatureMethod", "HMAC-SHA256"],
    ["SignatureMethod", "hmac-sha1"],
    ["SignatureVersion", "2.0"],
  ])("%s=%s (InvalidParameter)", (name, value) => {
    const req = v1Request({ query: { ...v1CommonParams(), [name]: value } });
    expectRejected(verify(req), 400, "InvalidParameter", `The specified value of parameter "${name}" is not valid.`);
  });

  it("a parameter given both in the query and in the body (InvalidParameter)", () => {
    const req = v1Request({ method: "POST", query: { ...v1CommonParams(), DtsJobId: "abc123" }, body: { DtsJobId: "other" } });
    expectRejected(verify(req), 400, "InvalidParameter", 'The specified value of parameter "DtsJobId" is not valid.');
  });

  it("an unknown AccessKeyId (404)", () => {
    const req = v1Request({ query: { ...v1CommonParams(), AccessKeyId: "nobody" } });
    expect(verify(req)).toEqual({
      ok: false,
      scheme: "V1",
      httpStatus: 404,
      code: "InvalidAccessKeyId.NotFound",
      message: "Specified access key is not found.",
      action: "ResetDtsJob",
      accessKeyId: "nobody",
    });
  });

  it.each(["2026-01-15 10:00:00", "2026-01-15T10:00:00.000Z", "2026-01-15T18:00:00+08:00", "2026-02-30T10:00:00Z", "2026-01-15T24:00:00Z", "1768471200"])(
    "a malformed Timestamp %j",
    (timestamp) => {
      const req = v1Request({ query: { ...v1CommonParams(), Timestamp: timestamp } });
      expectRejected(verify(req), 400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
    },
  );

  it.each([
    ["in the past", -1],
    ["in the future", 1],
  ])("a Timestamp one second beyond the window %s", (_label, sign) => {
    const timestamp = alibabaTimestamp(NOW_MS + sign * (WINDOW_SECONDS + 1) * 1000);
    const req = v1Request({ query: { ...v1CommonParams(), Timestamp: timestamp } });
    expectRejected(verify(req), 400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
  });

  it("a parameter changed after signing, reporting the server's string to sign", () => {
    const signed = v1Request({ query: { ...v1CommonParams(), ...BUSINESS } });
    const tampered = { ...signed, rawQuery: signed.rawQuery.replace("DtsJobId=abc123", "DtsJobId=abc124") };
    const result = verify(tampered);
    expectRejected(result, 400, "SignatureDoesNotMatch", mismatchMessage(v1StringToSignOf(tampered)));
    expect(v1StringToSignOf(tampered)).toMatch(/^GET&%2F&AccessKeyId%3Dtestid%26/);
  });

  it("a changed HTTP method", () => {
    const tampered = { ...v1Request({ query: { ...v1CommonParams(), ...BUSINESS } }), method: "POST" };
    expectRejected(verify(tampered), 400, "SignatureDoesNotMatch", mismatchMessage(v1StringToSignOf(tampered)));
  });

  it("a wrong secret", () => {
    expectRejected(verify(v1Request({ query: v1CommonParams(), secret: "wrong" })), 400, "SignatureDoesNotMatch");
  });

  it("a form body whose content type is not a form: its parameters are not signed parameters", () => {
    const signed = v1Request({ method: "POST", query: v1CommonParams(), body: BUSINESS });
    expectRejected(verify(withHeaders(signed, { "content-type": "text/plain" })), 400, "SignatureDoesNotMatch");
  });

  it("an STS key without its SecurityToken", () => {
    const req = v1Request({ query: v1CommonParams(STS_KEY), secret: STS_KEY.accessKeySecret });
    expectRejected(verify(req), 400, "MissingSecurityToken", "The security token is missing.");
  });

  it("an STS key with another token", () => {
    const req = v1Request({ query: { ...v1CommonParams(STS_KEY), SecurityToken: "sts-token-X" }, secret: STS_KEY.accessKeySecret });
    expectRejected(verify(req), 400, "InvalidSecurityToken.MismatchWithAccessKey", "The security token does not match the AccessKey.");
  });

  it("an expired STS key (403)", () => {
    const req = v1Request({
      query: { ...v1CommonParams(EXPIRED_STS_KEY), SecurityToken: "sts-token-2" },
      secret: EXPIRED_STS_KEY.accessKeySecret,
    });
    expectRejected(verify(req), 403, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
  });

  it("a SecurityToken sent for a key that has none", () => {
    const req = v1Request({ query: { ...v1CommonParams(), SecurityToken: "sts-token-1" } });
    expectRejected(verify(req), 400, "InvalidSecurityToken.Malformed", "The security token is malformed.");
  });

  it("a reused SignatureNonce, but only for the same AccessKeyId", () => {
    const query = { ...v1CommonParams(), SignatureNonce: "nonce-1" };
    expect(verify(v1Request({ query }))).toMatchObject({ ok: true });
    expectRejected(verify(v1Request({ query })), 400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    const otherKey = { ...v1CommonParams(OTHER_KEY), SignatureNonce: "nonce-1" };
    expect(verify(v1Request({ query: otherKey, secret: OTHER_KEY.accessKeySecret }))).toMatchObject({ ok: true });
  });
});

describe("V3 accepts", () => {
  it("a POST with the operation's parameters in the query and an empty body (the DTS client's shape)", () => {
    const result = verify(v3Request({ query: BUSINESS }));
    expect(result).toEqual({
      ok: true,
      scheme: "V3",
      accessKeyId: "testid",
      action: "ResetDtsJob",
      version: "2020-01-01",
      params: BUSINESS,
    });
  });

  it("a GET with query parameters", () => {
    expect(verify(v3Request({ method: "GET", query: BUSINESS }))).toMatchObject({ ok: true, params: BUSINESS });
  });

  it("a form body with the content type signed", () => {
    const req = v3Request({ body: BUSINESS });
    expect(req.headers["authorization"]).toContain("SignedHeaders=content-type;host;");
    expect(verify(req)).toMatchObject({ ok: true, params: BUSINESS });
  });

  it("a special-character value sent raw the way querystring.stringify sends it, in the query and in the body", () => {
    const req = v3Request({ query: { Name: SPECIAL_VALUE, Empty: "" }, body: { Other: SPECIAL_VALUE } });
    expect(req.rawQuery).toBe("Name=a%20b*c!(d)~'%C3%A9%2B%2F%3D%26x&Empty=");
    expect(verify(req)).toMatchObject({ ok: true, params: { Name: SPECIAL_VALUE, Empty: "", Other: SPECIAL_VALUE } });
  });

  it("extra signed headers such as x-acs-credentials-provider and retry headers", () => {
    const req = v3Request({ query: BUSINESS, headers: { "x-acs-credentials-provider": "static_ak", "x-acs-retry-attempts": "1" } });
    expect(verify(req)).toMatchObject({ ok: true });
  });

  it("an STS key with its signed x-acs-security-token", () => {
    expect(verify(v3Request({ key: STS_KEY, query: BUSINESS }))).toMatchObject({ ok: true, accessKeyId: STS_KEY.accessKeyId });
  });

  it("a SignedHeaders list given in another order and spaces after the commas", () => {
    const req = v3Request({ query: BUSINESS });
    const authorization = req.headers["authorization"] ?? "";
    const list = /SignedHeaders=([^,]+)/.exec(authorization)?.[1] ?? "";
    const reordered = authorization
      .replace(list, list.split(";").reverse().join(";"))
      .replace(/,/g, ", ");
    expect(verify(withAuthorization(req, reordered))).toMatchObject({ ok: true });
  });
});

describe("V3 rejects", () => {
  const valid = () => v3Request({ query: BUSINESS });
  const validAuthorization = () => valid().headers["authorization"] ?? "";
  const hex = "a".repeat(64);
  const list = "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";

  it.each([
    ["an empty header", ""],
    ["the algorithm alone", "ACS3-HMAC-SHA256"],
    ["another algorithm", `ACS3-HMAC-SM3 Credential=testid,SignedHeaders=${list},Signature=${hex}`],
    ["no Signature part", `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=${list}`],
    ["an unknown extra part", `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=${list},Signature=${hex},Region=x`],
    ["a repeated part", `ACS3-HMAC-SHA256 Credential=testid,Credential=testid,SignedHeaders=${list},Signature=${hex}`],
    ["an empty Credential", `ACS3-HMAC-SHA256 Credential=,SignedHeaders=${list},Signature=${hex}`],
    ["a signature that is not 64 hex digits", `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=${list},Signature=${hex}0`],
    ["an upper-case signed header name", `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=Host;${list.slice(5)},Signature=${hex}`],
    ["a repeated signed header", `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;${list},Signature=${hex}`],
    ["authorization among the signed headers", `ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=authorization;${list},Signature=${hex}`],
    ["a V1-looking header", "HMAC-SHA1 testid:abc"],
  ])("a malformed Authorization header: %s", (_label, authorization) => {
    const result = verify(withAuthorization(valid(), authorization));
    expect(result).toEqual({
      ok: false,
      scheme: "V3",
      httpStatus: 400,
      code: "IncompleteSignature",
      message: "The request signature does not conform to Aliyun standards.",
    });
  });

  it.each(["host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"])(
    "a SignedHeaders list without %s",
    (name) => {
      const authorization = validAuthorization().replace(/SignedHeaders=([^,]+)/, (_m, names: string) =>
        `SignedHeaders=${names.split(";").filter((n) => n !== name).join(";")}`,
      );
      expectRejected(verify(withAuthorization(valid(), authorization)), 400, "IncompleteSignature");
    },
  );

  it("a signed header that is not on the request", () => {
    const req = v3Request({ query: BUSINESS, headers: { "x-acs-credentials-provider": "static_ak" } });
    expectRejected(verify(withHeaders(req, { "x-acs-credentials-provider": undefined })), 400, "IncompleteSignature");
  });

  it("an x-acs-security-token that is not signed", () => {
    const req = v3Request({ key: STS_KEY, query: BUSINESS });
    const authorization = (req.headers["authorization"] ?? "").replace(";x-acs-security-token", "");
    expectRejected(verify(withAuthorization(req, authorization)), 400, "IncompleteSignature");
  });

  it("an empty x-acs-signature-nonce (MissingParameter)", () => {
    const req = v3Request({ query: BUSINESS, headers: { "x-acs-signature-nonce": "" } });
    expectRejected(verify(req), 400, "MissingParameter", missingParameterMessage("x-acs-signature-nonce"));
  });

  it("a query parameter given twice", () => {
    const req = v3Request({ query: BUSINESS });
    expectRejected(verify({ ...req, rawQuery: `${req.rawQuery}&DtsJobId=other` }), 400, "InvalidParameter");
  });

  it("an unknown AccessKeyId (404)", () => {
    const req = v3Request({ key: { accessKeyId: "nobody", accessKeySecret: "x" }, query: BUSINESS });
    expect(verify(req)).toMatchObject({ ok: false, httpStatus: 404, code: "InvalidAccessKeyId.NotFound", accessKeyId: "nobody", action: "ResetDtsJob" });
  });

  it.each(["2026-01-15T10:00:00.123Z", "Thu, 15 Jan 2026 10:00:00 GMT", ""])("a malformed x-acs-date %j", (date) => {
    expectRejected(verify(v3Request({ query: BUSINESS, headers: { "x-acs-date": date } })), 400, "InvalidTimeStamp.Format");
  });

  it.each([-1, 1])("an x-acs-date one second beyond the window (direction %i)", (sign) => {
    const date = alibabaTimestamp(NOW_MS + sign * (WINDOW_SECONDS + 1) * 1000);
    expectRejected(verify(v3Request({ query: BUSINESS, headers: { "x-acs-date": date } })), 400, "InvalidTimeStamp.Expired");
  });

  it("a body that does not match x-acs-content-sha256", () => {
    const req = v3Request({ body: BUSINESS });
    const tampered = { ...req, body: Buffer.from("DtsJobId=abc124&SynchronizationDirection=Forward") };
    expectRejected(verify(tampered), 400, "SignatureDoesNotMatch");
  });

  it("an x-acs-content-sha256 that does not describe the body, even under an otherwise valid signature", () => {
    // The helper signs the real body's hash as the payload line, so only the explicit
    // header-versus-body comparison can catch this.
    const req = v3Request({ body: BUSINESS, headers: { "x-acs-content-sha256": sha256Hex("something else") } });
    expectRejected(verify(req), 400, "SignatureDoesNotMatch");
  });

  it("a body swapped together with a recomputed x-acs-content-sha256", () => {
    const req = v3Request({ body: BUSINESS });
    const newBody = Buffer.from("DtsJobId=abc124&SynchronizationDirection=Forward");
    const tampered = { ...withHeaders(req, { "x-acs-content-sha256": sha256Hex(newBody) }), body: newBody };
    expectRejected(verify(tampered), 400, "SignatureDoesNotMatch");
  });

  it("a query parameter changed after signing, reporting the server's string to sign", () => {
    const req = v3Request({ query: BUSINESS });
    const tampered = { ...req, rawQuery: req.rawQuery.replace("abc123", "abc124") };
    const signedHeaders = (/SignedHeaders=([^,]+)/.exec(req.headers["authorization"] ?? "")?.[1] ?? "").split(";");
    const { stringToSign } = computeV3Signature(
      {
        httpMethod: "POST",
        path: "/",
        queryParams: { ...BUSINESS, DtsJobId: "abc124" },
        headers: tampered.headers,
        signedHeaders,
        hashedPayload: sha256Hex(""),
      },
      "irrelevant",
    );
    expect(stringToSign).toMatch(/^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    expectRejected(verify(tampered), 400, "SignatureDoesNotMatch", mismatchMessage(stringToSign));
  });

  it.each<[string, (req: IncomingSignedRequest) => IncomingSignedRequest]>([
    ["the HTTP method", (req) => ({ ...req, method: "GET" })],
    ["the host's port", (req) => withHeaders(req, { host: "127.0.0.1:18081" })],
    ["the action", (req) => withHeaders(req, { "x-acs-action": "DescribeDtsJobs" })],
    ["the path", (req) => ({ ...req, path: "/other" })],
  ])("a changed %s", (_label, tamper) => {
    expectRejected(verify(tamper(v3Request({ query: BUSINESS }))), 400, "SignatureDoesNotMatch");
  });

  it("a wrong secret", () => {
    expectRejected(verify(v3Request({ query: BUSINESS, secret: "wrong" })), 400, "SignatureDoesNotMatch");
  });

  it("an STS key without its token", () => {
    expectRejected(verify(v3Request({ key: STS_KEY, securityToken: null })), 400, "MissingSecurityToken");
  });

  it("an STS key with another token", () => {
    expectRejected(verify(v3Request({ key: STS_KEY, securityToken: "sts-token-X" })), 400, "InvalidSecurityToken.MismatchWithAccessKey");
  });

  it("an expired STS key (403)", () => {
    expectRejected(verify(v3Request({ key: EXPIRED_STS_KEY })), 403, "InvalidSecurityToken.Expired");
  });

  it("a token sent for a key that has none", () => {
    expectRejected(verify(v3Request({ securityToken: "sts-token-1" })), 400, "InvalidSecurityToken.Malformed");
  });

  it("a reused x-acs-signature-nonce", () => {
    const headers = { "x-acs-signature-nonce": "nonce-v3" };
    expect(verify(v3Request({ headers }))).toMatchObject({ ok: true });
    expectRejected(verify(v3Request({ headers })), 400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  });
});

describe("order of checks", () => {
  it("format before key lookup: a missing parameter wins over an unknown key", () => {
    const query: Record<string, string> = { ...v1CommonParams(), AccessKeyId: "nobody" };
    delete query["SignatureNonce"];
    expectRejected(verify(v1Request({ query })), 400, "MissingParameter");
  });

  it("key lookup before timestamp: an unknown key wins over a malformed timestamp", () => {
    const req = v1Request({ query: { ...v1CommonParams(), AccessKeyId: "nobody", Timestamp: "yesterday" } });
    expectRejected(verify(req), 404, "InvalidAccessKeyId.NotFound");
  });

  it("timestamp before signature: an expired timestamp wins over a wrong secret", () => {
    const req = v3Request({ query: BUSINESS, secret: "wrong", headers: { "x-acs-date": "2020-01-01T00:00:00Z" } });
    expectRejected(verify(req), 400, "InvalidTimeStamp.Expired");
  });

  it("signature before STS token: a wrong secret wins over a missing token", () => {
    expectRejected(verify(v3Request({ key: STS_KEY, securityToken: null, secret: "wrong" })), 400, "SignatureDoesNotMatch");
  });

  it("STS token before nonce: a token error wins over a reused nonce", () => {
    const headers = { "x-acs-signature-nonce": "nonce-sts" };
    expect(verify(v3Request({ key: STS_KEY, headers }))).toMatchObject({ ok: true });
    expectRejected(verify(v3Request({ key: STS_KEY, headers, securityToken: "sts-token-X" })), 400, "InvalidSecurityToken.MismatchWithAccessKey");
  });

  it.each<[string, (query: Record<string, string>) => IncomingSignedRequest]>([
    ["a wrong signature", (query) => v1Request({ query, secret: "wrong" })],
    ["an expired timestamp", (query) => v1Request({ query: { ...query, Timestamp: "2020-01-01T00:00:00Z" } })],
    ["a missing STS token", (query) => v1Request({ query: { ...query, AccessKeyId: STS_KEY.accessKeyId }, secret: STS_KEY.accessKeySecret })],
  ])("a request rejected for %s does not burn its nonce", (_label, buildRejected) => {
    const query = { ...v1CommonParams(), SignatureNonce: "nonce-kept" };
    expect(verify(buildRejected(query))).toMatchObject({ ok: false });
    expect(verify(v1Request({ query }))).toMatchObject({ ok: true });
  });
});

describe("InMemoryNonceStore", () => {
  it("refuses a nonce the second time for the same key only", () => {
    const store = new InMemoryNonceStore(60_000);
    expect(store.claim("a", "n1", 0)).toBe(true);
    expect(store.claim("a", "n1", 1)).toBe(false);
    expect(store.claim("b", "n1", 2)).toBe(true);
  });

  it("keeps the key and the nonce apart whatever characters they contain", () => {
    const store = new InMemoryNonceStore(60_000);
    expect(store.claim("a\nb", "c", 0)).toBe(true);
    expect(store.claim("a", "b\nc", 0)).toBe(true);
  });

  it("forgets nonces older than the retention, so memory stays bounded", () => {
    const store = new InMemoryNonceStore(1_000);
    for (let i = 0; i < 100; i++) store.claim("a", `n${i}`, i * 100);
    // At t = 9900 only claims made at t >= 8900 are still remembered.
    expect(store.size).toBe(11);
    expect(store.claim("a", "n0", 10_000)).toBe(true);
    expect(store.claim("a", "n99", 10_000)).toBe(false);
  });

  it("sized for a timestamp window, remembers a nonce for two windows", () => {
    const store = InMemoryNonceStore.forTimestampWindow(900);
    expect(store.claim("a", "n", 0)).toBe(true);
    // A request dated +900 s at t = 0 still has a valid timestamp at t = 1800 s.
    expect(store.claim("a", "n", 1_800_000)).toBe(false);
    expect(store.claim("a", "n", 3_600_001)).toBe(true);
  });

  it("rejects a retention that is not positive", () => {
    expect(() => new InMemoryNonceStore(0)).toThrow(RangeError);
  });
});
