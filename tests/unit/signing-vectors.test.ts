// Reproduces every official signing vector in tests/fixtures/signing-vectors.json with the
// simulator's own signing code, and shows that tampering with any input changes the signature.

import { describe, expect, it } from "vitest";
import fixtureJson from "../fixtures/signing-vectors.json";
import { alibabaPercentEncode, parseUrlEncodedPairs } from "@/simulator/signing/encode";
import { InMemoryNonceStore } from "@/simulator/signing/nonce-store";
import type { AccessKeyRecord } from "@/simulator/signing/types";
import {
  buildV1CanonicalizedQueryString,
  buildV1StringToSign,
  computeV1Signature,
} from "@/simulator/signing/v1";
import {
  computeV3Signature,
  parseV3Authorization,
  sha256Hex,
  V3_ALGORITHM,
  type V3CanonicalRequestParts,
} from "@/simulator/signing/v3";
import { verifyRequest } from "@/simulator/signing/verify";

interface V1Vector {
  name: string;
  algorithm: "HMAC-SHA1";
  inputs: { httpMethod: string; accessKeySecret: string; params: Record<string, string> };
  expected: {
    canonicalizedQueryString?: string;
    stringToSign?: string;
    hmacKey?: string;
    signature: string;
    requestUrl?: string;
  };
}

interface V3Vector {
  name: string;
  algorithm: "ACS3-HMAC-SHA256";
  inputs: {
    httpMethod: string;
    canonicalUri: string;
    accessKeyId: string;
    accessKeySecret: string;
    queryParams: Record<string, string>;
    body: string;
    headers: Record<string, string>;
  };
  expected: {
    canonicalRequest?: string;
    signedHeaders: string;
    hashedCanonicalRequest?: string;
    stringToSign?: string;
    hmacKey?: string;
    signature: string;
    authorization: string;
  };
}

// JSON imports type `algorithm` as a plain string, so the shapes are asserted here; every field
// the tests rely on is then checked at run time by the expectations themselves.
const fixture = fixtureJson as unknown as { vectors: Array<V1Vector | V3Vector> };
const v1Vectors = fixture.vectors.filter((v): v is V1Vector => v.algorithm === "HMAC-SHA1");
const v3Vectors = fixture.vectors.filter((v): v is V3Vector => v.algorithm === V3_ALGORITHM);

function v3Parts(vector: V3Vector): V3CanonicalRequestParts {
  const { inputs } = vector;
  return {
    httpMethod: inputs.httpMethod,
    path: inputs.canonicalUri,
    queryParams: inputs.queryParams,
    headers: inputs.headers,
    signedHeaders: Object.keys(inputs.headers).sort(),
    hashedPayload: sha256Hex(inputs.body),
  };
}

function timestampMs(value: string): number {
  return Date.parse(value);
}

describe("signing-vectors.json", () => {
  it("holds the six vectors this suite reproduces (4 V1, 2 V3) and nothing else", () => {
    expect(fixture.vectors).toHaveLength(6);
    expect(v1Vectors).toHaveLength(4);
    expect(v3Vectors).toHaveLength(2);
  });
});

describe("Alibaba percent-encoding", () => {
  it.each([
    ["AZaz09-_.~", "AZaz09-_.~"],
    ["a b", "a%20b"],
    ["*", "%2A"],
    ["!'()", "%21%27%28%29"],
    ["é", "%C3%A9"],
    ["+/=&:", "%2B%2F%3D%26%3A"],
    ["a b*c!(d)~'é+/=&x", "a%20b%2Ac%21%28d%29~%27%C3%A9%2B%2F%3D%26x"],
  ])("encodes %j as %j", (raw, encoded) => {
    expect(alibabaPercentEncode(raw)).toBe(encoded);
  });
});

describe.each(v1Vectors)("V1 vector $name", (vector) => {
  const { inputs, expected } = vector;
  const signing = computeV1Signature(inputs.httpMethod, inputs.params, inputs.accessKeySecret);

  if (expected.canonicalizedQueryString !== undefined) it("reproduces the canonicalized query string", () => {
    expect(signing.canonicalizedQueryString).toBe(expected.canonicalizedQueryString);
  });

  if (expected.stringToSign !== undefined) it("reproduces the string to sign", () => {
    expect(signing.stringToSign).toBe(expected.stringToSign);
  });

  if (expected.hmacKey !== undefined) it("uses the secret plus '&' as the HMAC key", () => {
    expect(expected.hmacKey).toBe(`${inputs.accessKeySecret}&`);
  });

  it("reproduces the signature", () => {
    expect(signing.signature).toBe(expected.signature);
  });

  if (expected.requestUrl !== undefined) it("is accepted by verifyRequest when sent as the printed URL", () => {
    const url = new URL(expected.requestUrl ?? "");
    const key: AccessKeyRecord = { accessKeyId: inputs.params["AccessKeyId"] ?? "", accessKeySecret: inputs.accessKeySecret };
    const result = verifyRequest(
      { method: inputs.httpMethod, path: url.pathname, rawQuery: url.search.slice(1), headers: { host: url.host }, body: Buffer.alloc(0) },
      {
        lookupKey: (id) => (id === key.accessKeyId ? key : undefined),
        nowMs: () => timestampMs(inputs.params["Timestamp"] ?? ""),
        timestampWindowSeconds: 900,
        nonceStore: InMemoryNonceStore.forTimestampWindow(900),
      },
    );
    expect(result).toMatchObject({ ok: true, scheme: "V1", action: inputs.params["Action"] });
  });
});

describe.each(v3Vectors)("V3 vector $name", (vector) => {
  const { inputs, expected } = vector;
  const signing = computeV3Signature(v3Parts(vector), inputs.accessKeySecret);

  it("has a content hash header equal to the SHA-256 of its body", () => {
    expect(inputs.headers["x-acs-content-sha256"]).toBe(sha256Hex(inputs.body));
  });

  if (expected.canonicalRequest !== undefined) it("reproduces the canonical request", () => {
    expect(signing.canonicalRequest).toBe(expected.canonicalRequest);
  });

  if (expected.hashedCanonicalRequest !== undefined) it("reproduces the hashed canonical request", () => {
    expect(signing.hashedCanonicalRequest).toBe(expected.hashedCanonicalRequest);
  });

  if (expected.stringToSign !== undefined) it("reproduces the string to sign", () => {
    expect(signing.stringToSign).toBe(expected.stringToSign);
  });

  if (expected.hmacKey !== undefined) it("uses the bare secret as the HMAC key", () => {
    expect(expected.hmacKey).toBe(inputs.accessKeySecret);
  });

  it("reproduces the signature and the Authorization header", () => {
    expect(signing.signature).toBe(expected.signature);
    const signedHeaders = v3Parts(vector).signedHeaders.join(";");
    expect(signedHeaders).toBe(expected.signedHeaders);
    expect(`${V3_ALGORITHM} Credential=${inputs.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signing.signature}`).toBe(
      expected.authorization,
    );
  });

  it("parses its Authorization header back into credential, header list and signature", () => {
    expect(parseV3Authorization(expected.authorization)).toEqual({
      accessKeyId: inputs.accessKeyId,
      signedHeaders: expected.signedHeaders.split(";"),
      signature: expected.signature,
    });
  });

  it("is accepted by verifyRequest", () => {
    const key: AccessKeyRecord = { accessKeyId: inputs.accessKeyId, accessKeySecret: inputs.accessKeySecret };
    const rawQuery = Object.entries(inputs.queryParams)
      .map(([name, value]) => `${name}=${alibabaPercentEncode(value)}`)
      .join("&");
    const result = verifyRequest(
      {
        method: inputs.httpMethod,
        path: inputs.canonicalUri,
        rawQuery,
        headers: { ...inputs.headers, authorization: expected.authorization },
        body: Buffer.from(inputs.body),
      },
      {
        lookupKey: (id) => (id === key.accessKeyId ? key : undefined),
        nowMs: () => timestampMs(inputs.headers["x-acs-date"] ?? ""),
        timestampWindowSeconds: 900,
        nonceStore: InMemoryNonceStore.forTimestampWindow(900),
      },
    );
    expect(result).toEqual({
      ok: true,
      scheme: "V3",
      accessKeyId: inputs.accessKeyId,
      action: inputs.headers["x-acs-action"],
      version: inputs.headers["x-acs-version"],
      params: inputs.queryParams,
    });
  });
});

describe("tampering with a V1 input changes the signature", () => {
  const official = v1Vectors.find((v) => v.name === "rpc-hmac-sha1-describededicatedhosts");
  if (!official) throw new Error("official DescribeDedicatedHosts vector missing from the fixture");
  const { httpMethod, params, accessKeySecret } = official.inputs;
  const baseline = computeV1Signature(httpMethod, params, accessKeySecret).signature;

  it("one changed parameter value", () => {
    const tampered = computeV1Signature(httpMethod, { ...params, RegionId: "cn-hangzhou" }, accessKeySecret);
    expect(tampered.signature).not.toBe(baseline);
  });

  it("one added parameter", () => {
    const tampered = computeV1Signature(httpMethod, { ...params, PageSize: "10" }, accessKeySecret);
    expect(tampered.signature).not.toBe(baseline);
  });

  it("the HTTP method (GET vs POST) — and POST gives the derived vector", () => {
    const post = computeV1Signature("POST", params, accessKeySecret).signature;
    expect(post).not.toBe(baseline);
    expect(post).toBe(v1Vectors.find((v) => v.name.endsWith("POST-derived"))?.expected.signature);
  });

  it("the secret", () => {
    expect(computeV1Signature(httpMethod, params, `${accessKeySecret}x`).signature).not.toBe(baseline);
  });

  it("the Signature parameter itself is never signed", () => {
    expect(computeV1Signature(httpMethod, { ...params, Signature: "anything" }, accessKeySecret).signature).toBe(baseline);
  });

  it("renaming Timestamp to TimeStamp changes the sort order and the signature", () => {
    const legacy = v1Vectors.find((v) => v.name === "rpc-hmac-sha1-describeregions-legacy");
    const timeStampSpelling = v1Vectors.find((v) => v.name.endsWith("TimeStamp-spelling"));
    if (!legacy || !timeStampSpelling) throw new Error("legacy vectors missing from the fixture");

    const { Timestamp: timestamp = "", ...rest } = legacy.inputs.params;
    const renamed = { ...rest, TimeStamp: timestamp };
    expect(timeStampSpelling.inputs.params).toEqual(renamed);

    expect(buildV1CanonicalizedQueryString(renamed)).toContain("&TimeStamp=2016-02-23T12%3A46%3A24Z&");
    const signature = computeV1Signature("GET", renamed, "testsecret").signature;
    expect(signature).toBe(timeStampSpelling.expected.signature);
    expect(signature).not.toBe(legacy.expected.signature);
  });

  it("the string to sign encodes the canonical string a second time", () => {
    const canonical = buildV1CanonicalizedQueryString(params);
    expect(canonical).toContain("08%3A34%3A30Z");
    expect(buildV1StringToSign("GET", canonical)).toContain("08%253A34%253A30Z");
  });
});

describe("sorting is by UTF-16 code unit, not locale", () => {
  it("puts upper case before lower case and digits before letters", () => {
    expect(buildV1CanonicalizedQueryString({ b: "1", B: "2", a: "3", A1: "4", A: "5" })).toBe("A=5&A1=4&B=2&a=3&b=1");
  });

  it("so TimeStamp sorts before TimeZone while Timestamp sorts after it", () => {
    // 'S' (0x53) < 'Z' (0x5A) < 's' (0x73); a case-insensitive sort would order both the same way.
    expect(buildV1CanonicalizedQueryString({ TimeZone: "z", TimeStamp: "t" })).toBe("TimeStamp=t&TimeZone=z");
    expect(buildV1CanonicalizedQueryString({ TimeZone: "z", Timestamp: "t" })).toBe("TimeZone=z&Timestamp=t");
  });
});

describe("tampering with a V3 input changes the signature", () => {
  const official = v3Vectors.find((v) => v.name === "acs3-hmac-sha256-runinstances");
  if (!official) throw new Error("official RunInstances vector missing from the fixture");
  const parts = v3Parts(official);
  const secret = official.inputs.accessKeySecret;
  const baseline = computeV3Signature(parts, secret).signature;

  it.each<[string, Partial<V3CanonicalRequestParts>]>([
    ["a query value", { queryParams: { ...parts.queryParams, RegionId: "cn-beijing" } }],
    ["the HTTP method", { httpMethod: "GET" }],
    ["the host (a port counts)", { headers: { ...parts.headers, host: `${parts.headers["host"]}:443` } }],
    ["the nonce", { headers: { ...parts.headers, "x-acs-signature-nonce": "0" } }],
    ["the payload hash", { hashedPayload: sha256Hex("x") }],
    ["the signed header list", { signedHeaders: parts.signedHeaders.filter((h) => h !== "x-acs-version") }],
  ])("%s", (_what, change) => {
    expect(computeV3Signature({ ...parts, ...change }, secret).signature).not.toBe(baseline);
  });

  it("the secret", () => {
    expect(computeV3Signature(parts, `${secret}&`).signature).not.toBe(baseline);
  });
});

describe("wire decoding", () => {
  it("turns '+' into a space and undoes percent-escapes, keeping empty values", () => {
    expect(parseUrlEncodedPairs("a=x+y&b=%2B%20&c=&d&&e=%E9")).toEqual([
      ["a", "x y"],
      ["b", "+ "],
      ["c", ""],
      ["d", ""],
      // A lone byte that is not UTF-8 must not throw; it decodes to U+FFFD and fails the signature.
      ["e", "\ufffd"],
    ]);
  });
});
