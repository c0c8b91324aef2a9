// The OFFICIAL Alibaba Cloud client (@alicloud/openapi-core) signs; our independent verifier,
// behind a tiny node:http server on 127.0.0.1, must accept exactly what it signs correctly.

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import OpenApi, { $OpenApiUtil, ClientError } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InMemoryNonceStore } from "@/simulator/signing/nonce-store";
import type { AccessKeyRecord, IncomingSignedRequest, VerifyOptions } from "@/simulator/signing/types";
import { verifyRequest } from "@/simulator/signing/verify";
import { dtsSdkParams } from "../support-dts-sdk";

const PLAIN_KEY: AccessKeyRecord = { accessKeyId: "testid", accessKeySecret: "testsecret" };
const STS_KEY: AccessKeyRecord = {
  accessKeyId: "STS.testid",
  accessKeySecret: "stssecret",
  securityToken: "CAIS-sts-token/with+special=chars",
  expiresAt: Date.now() + 3_600_000,
};
const SPECIAL_VALUE = "a b*c!(d)~'é+/=&x";
const BUSINESS = { DtsJobId: "abc123", SynchronizationDirection: "Forward" };

const verifyOptions: VerifyOptions = {
  lookupKey: (id) => [PLAIN_KEY, STS_KEY].find((key) => key.accessKeyId === id),
  nowMs: () => Date.now(),
  timestampWindowSeconds: 900,
  nonceStore: InMemoryNonceStore.forTimestampWindow(900),
};

/** What the server saw, so tests can show what the SDK put on the wire. */
const received: IncomingSignedRequest[] = [];
let server: Server;
let port: number;

async function readSignedRequest(req: IncomingMessage): Promise<IncomingSignedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = req.url ?? "/";
  const queryAt = url.indexOf("?");
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path: queryAt === -1 ? url : url.slice(0, queryAt),
    rawQuery: queryAt === -1 ? "" : url.slice(queryAt + 1),
    headers,
    body: Buffer.concat(chunks),
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void readSignedRequest(req).then((signed) => {
      received.push(signed);
      const result = verifyRequest(signed, verifyOptions);
      const requestId = `req-${received.length}`;
      const [status, body] = result.ok
        ? [200, { RequestId: requestId, Success: true, Scheme: result.scheme, AccessKeyId: result.accessKeyId, Action: result.action, Version: result.version, Params: result.params }]
        : [result.httpStatus, { RequestId: requestId, HostId: "127.0.0.1", Code: result.code, Message: result.message }];
      res.writeHead(status, { "content-type": "application/json;charset=utf-8" });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

interface ClientSpec {
  key?: AccessKeyRecord;
  secret?: string;
  /** Send the key's STS token (default: when the key has one). */
  sendToken?: boolean;
  /** V1 = HMAC-SHA1, selected with the SDK's signatureAlgorithm 'v2'. */
  scheme: "V1" | "V3";
}

function officialClient(spec: ClientSpec): OpenApi {
  const key = spec.key ?? PLAIN_KEY;
  const token = spec.sendToken === false ? undefined : key.securityToken;
  return new OpenApi(
    new $OpenApiUtil.Config({
      accessKeyId: key.accessKeyId,
      accessKeySecret: spec.secret ?? key.accessKeySecret,
      ...(token ? { securityToken: token } : {}),
      endpoint: `127.0.0.1:${port}`,
      protocol: "http",
      ...(spec.scheme === "V1" ? { signatureAlgorithm: "v2" } : {}),
      connectTimeout: 5_000,
      readTimeout: 5_000,
    }),
  );
}

/** ResetDtsJob exactly as the generated @alicloud/dts20200101 client describes it. */
async function resetDtsJob(
  client: OpenApi,
  placement: { query?: Record<string, string>; body?: Record<string, string> },
): Promise<{ statusCode: number; body: Record<string, unknown> }> {
  const response = await client.callApi(dtsSdkParams("ResetDtsJob"), new $OpenApiUtil.OpenApiRequest(placement), new $dara.RuntimeOptions({}));
  return { statusCode: response["statusCode"] as number, body: response["body"] as Record<string, unknown> };
}

function lastReceived(): IncomingSignedRequest {
  const last = received.at(-1);
  if (!last) throw new Error("the server received no request");
  return last;
}

function signedHeadersOf(req: IncomingSignedRequest): string[] {
  return (/SignedHeaders=([^,]+)/.exec(req.headers["authorization"] ?? "")?.[1] ?? "").split(";");
}

describe.each(["V3", "V1"] as const)("official client, %s", (scheme) => {
  it("is accepted with the operation's parameters in the query", async () => {
    const response = await resetDtsJob(officialClient({ scheme }), { query: BUSINESS });
    expect(response).toEqual({
      statusCode: 200,
      body: expect.objectContaining({ Success: true, Scheme: scheme, AccessKeyId: "testid", Action: "ResetDtsJob", Version: "2020-01-01", Params: BUSINESS }),
    });
    expect(lastReceived().method).toBe("POST");
    expect(lastReceived().body.length).toBe(0);
  });

  it("is accepted with the operation's parameters in a form body", async () => {
    const response = await resetDtsJob(officialClient({ scheme }), { body: BUSINESS });
    expect(response.body).toMatchObject({ Success: true, Scheme: scheme, Params: BUSINESS });
    const req = lastReceived();
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req.body.toString()).toBe("DtsJobId=abc123&SynchronizationDirection=Forward");
  });

  it("is accepted with a special-character value in the query and in the body", async () => {
    const response = await resetDtsJob(officialClient({ scheme }), {
      query: { DtsJobId: SPECIAL_VALUE },
      body: { Note: SPECIAL_VALUE },
    });
    expect(response.body).toMatchObject({ Success: true, Params: { DtsJobId: SPECIAL_VALUE, Note: SPECIAL_VALUE } });
    // On the wire the SDK leaves * ! ( ) raw (querystring.stringify) although it signed
    // %2A %21 %28 %29; the apostrophe stays raw in the body but arrives as %27 in the URL.
    const req = lastReceived();
    expect(req.rawQuery).toContain("DtsJobId=a%20b*c!(d)~%27%C3%A9%2B%2F%3D%26x");
    expect(req.body.toString()).toBe("Note=a%20b*c!(d)~'%C3%A9%2B%2F%3D%26x");
  });

  it("is accepted with an STS token", async () => {
    const response = await resetDtsJob(officialClient({ scheme, key: STS_KEY }), { query: BUSINESS });
    expect(response.body).toMatchObject({ Success: true, Scheme: scheme, AccessKeyId: STS_KEY.accessKeyId, Params: BUSINESS });
  });

  it("is rejected with a wrong secret (SignatureDoesNotMatch, 400)", async () => {
    const call = resetDtsJob(officialClient({ scheme, secret: "not-the-secret" }), { query: BUSINESS });
    await expect(call).rejects.toBeInstanceOf(ClientError);
    await expect(call).rejects.toMatchObject({
      code: "SignatureDoesNotMatch",
      statusCode: 400,
      data: { Message: expect.stringMatching(/^Specified signature is not matched with our calculation\. server string to sign is:/) },
    });
  });

  it("is rejected when an STS key's token is not sent (MissingSecurityToken)", async () => {
    const call = resetDtsJob(officialClient({ scheme, key: STS_KEY, sendToken: false }), { query: BUSINESS });
    await expect(call).rejects.toMatchObject({ code: "MissingSecurityToken", statusCode: 400 });
  });

  it("is rejected for an unknown AccessKeyId (InvalidAccessKeyId.NotFound, 404)", async () => {
    const call = resetDtsJob(officialClient({ scheme, key: { accessKeyId: "nobody", accessKeySecret: "x" } }), { query: BUSINESS });
    await expect(call).rejects.toMatchObject({ code: "InvalidAccessKeyId.NotFound", statusCode: 404 });
  });
});

describe("what the official client puts on the wire", () => {
  it("V3 signs host (with port), content-type and every x-acs-* header, including the STS pair", async () => {
    await resetDtsJob(officialClient({ scheme: "V3", key: STS_KEY }), { body: BUSINESS });
    const req = lastReceived();
    expect(req.headers["host"]).toBe(`127.0.0.1:${port}`);
    expect(req.headers["authorization"]).toMatch(/^ACS3-HMAC-SHA256 Credential=STS\.testid,SignedHeaders=[^,]+,Signature=[0-9a-f]{64}$/);
    expect(signedHeadersOf(req)).toEqual([
      "content-type",
      "host",
      "x-acs-accesskey-id",
      "x-acs-action",
      "x-acs-content-sha256",
      "x-acs-credentials-provider",
      "x-acs-date",
      "x-acs-security-token",
      "x-acs-signature-nonce",
      "x-acs-version",
    ]);
    // The form body is streamed chunked, without a Content-Length.
    expect(req.headers["transfer-encoding"]).toBe("chunked");
  });

  it("V1 puts the signing parameters and the token in the query and still sends x-acs-action/version headers", async () => {
    await resetDtsJob(officialClient({ scheme: "V1", key: STS_KEY }), { body: BUSINESS });
    const req = lastReceived();
    const query = new URLSearchParams(req.rawQuery);
    expect(query.get("SignatureMethod")).toBe("HMAC-SHA1");
    expect(query.get("SignatureVersion")).toBe("1.0");
    expect(query.get("Format")).toBe("json");
    expect(query.get("SecurityToken")).toBe(STS_KEY.securityToken);
    expect(query.get("Signature")).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(req.headers["authorization"]).toBeUndefined();
    expect(req.headers["x-acs-action"]).toBe("ResetDtsJob");
  });
});
