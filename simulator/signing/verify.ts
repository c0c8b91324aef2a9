// Decides whether a request received by the simulator is signed the way Alibaba Cloud requires,
// and answers with Alibaba's own error codes, statuses and messages when it is not.
//
// Each scheme is first parsed into the same set of claims (who, what, when, which nonce, which
// signature); one pipeline then checks the claims in Alibaba's order:
//   scheme/format → key lookup → timestamp → body hash (V3) → signature → STS token → nonce.
// The nonce is claimed last so that a rejected request never burns it.

import { timingSafeEqual } from "node:crypto";
import { parseUrlEncodedPairs } from "./encode";
import type {
  AccessKeyRecord,
  IncomingSignedRequest,
  SignatureScheme,
  VerifyOptions,
  VerifyResult,
} from "./types";
import { computeV1Signature, V1_SIGNATURE_PARAM } from "./v1";
import { computeV3Signature, parseV3Authorization, REQUIRED_V3_SIGNED_HEADERS, sha256Hex } from "./v3";

type VerifyFailure = Extract<VerifyResult, { ok: false }>;

interface AlibabaError {
  httpStatus: number;
  code: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Alibaba's error catalogue (common client error codes: https://help.aliyun.com/en/polardb/client-error-codes).

const missingParameter = (name: string): AlibabaError => ({
  httpStatus: 400,
  code: "MissingParameter",
  message: `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
});
const invalidParameter = (name: string): AlibabaError => ({
  httpStatus: 400,
  code: "InvalidParameter",
  message: `The specified value of parameter "${name}" is not valid.`,
});
const signatureDoesNotMatch = (serverStringToSign: string): AlibabaError => ({
  httpStatus: 400,
  code: "SignatureDoesNotMatch",
  message: `Specified signature is not matched with our calculation. server string to sign is:${serverStringToSign}`,
});
const INCOMPLETE_SIGNATURE: AlibabaError = {
  httpStatus: 400,
  code: "IncompleteSignature",
  message: "The request signature does not conform to Aliyun standards.",
};
const ACCESS_KEY_NOT_FOUND: AlibabaError = {
  httpStatus: 404,
  code: "InvalidAccessKeyId.NotFound",
  message: "Specified access key is not found.",
};
const TIMESTAMP_MALFORMED: AlibabaError = {
  httpStatus: 400,
  code: "InvalidTimeStamp.Format",
  message: "Specified time stamp or date value is not well formatted.",
};
const TIMESTAMP_EXPIRED: AlibabaError = {
  httpStatus: 400,
  code: "InvalidTimeStamp.Expired",
  message: "Specified time stamp or date value is expired.",
};
const SECURITY_TOKEN_MISSING: AlibabaError = {
  httpStatus: 400,
  code: "MissingSecurityToken",
  message: "The security token is missing.",
};
const SECURITY_TOKEN_MISMATCH: AlibabaError = {
  httpStatus: 400,
  code: "InvalidSecurityToken.MismatchWithAccessKey",
  message: "The security token does not match the AccessKey.",
};
const SECURITY_TOKEN_EXPIRED: AlibabaError = {
  httpStatus: 403,
  code: "InvalidSecurityToken.Expired",
  message: "Specified SecurityToken is expired.",
};
const SECURITY_TOKEN_MALFORMED: AlibabaError = {
  httpStatus: 400,
  code: "InvalidSecurityToken.Malformed",
  message: "The security token is malformed.",
};
const NONCE_USED: AlibabaError = {
  httpStatus: 400,
  code: "SignatureNonceUsed",
  message: "Specified signature nonce was used already.",
};

// ---------------------------------------------------------------------------------------------
// What a request claims, whichever scheme carried it.

interface SignedRequestClaims {
  scheme: SignatureScheme;
  accessKeyId: string;
  action: string;
  version: string;
  /** Raw V1 `Timestamp` / V3 `x-acs-date`, not yet validated. */
  timestamp: string;
  nonce: string;
  /** undefined when the request carries no token. */
  securityToken: string | undefined;
  /** The decoded operation parameters to hand back on success. */
  params: Record<string, string>;
  signature: string;
  /** V3 only: the body hash the client signed must match the body that arrived. */
  payloadHash?: { claimed: string; actual: string };
  /** What the server computes for this request given the key's secret. */
  computeExpected(accessKeySecret: string): { signature: string; stringToSign: string };
}

/** Checks the signature of a request received by the simulator. Never throws for bad input. */
export function verifyRequest(req: IncomingSignedRequest, options: VerifyOptions): VerifyResult {
  const authorization = req.headers["authorization"];
  let claims: SignedRequestClaims | VerifyFailure;
  if (authorization !== undefined) {
    claims = parseV3Claims(req, authorization);
  } else {
    const pairs = readParameterPairs(req);
    if (!pairs.some(([name]) => name === V1_SIGNATURE_PARAM)) {
      return { ok: false, scheme: "none", ...missingParameter(V1_SIGNATURE_PARAM) };
    }
    claims = parseV1Claims(req.method, pairs);
  }
  return isFailure(claims) ? claims : checkClaims(claims, options);
}

function isFailure(parsed: SignedRequestClaims | VerifyFailure): parsed is VerifyFailure {
  return "ok" in parsed;
}

function checkClaims(claims: SignedRequestClaims, options: VerifyOptions): VerifyResult {
  const fail = (error: AlibabaError): VerifyFailure => ({
    ok: false,
    scheme: claims.scheme,
    ...error,
    action: claims.action,
    accessKeyId: claims.accessKeyId,
  });

  const key = options.lookupKey(claims.accessKeyId);
  if (!key) return fail(ACCESS_KEY_NOT_FOUND);

  const nowMs = options.nowMs();
  const timestampError = checkTimestamp(claims.timestamp, nowMs, options.timestampWindowSeconds);
  if (timestampError) return fail(timestampError);

  const expected = claims.computeExpected(key.accessKeySecret);
  // V3 signs the body only through x-acs-content-sha256, so that header must describe this body.
  if (claims.payloadHash && claims.payloadHash.claimed.toLowerCase() !== claims.payloadHash.actual) {
    return fail(signatureDoesNotMatch(expected.stringToSign));
  }
  if (!constantTimeEquals(expected.signature, claims.signature)) {
    return fail(signatureDoesNotMatch(expected.stringToSign));
  }

  const tokenError = checkSecurityToken(key, claims.securityToken, nowMs);
  if (tokenError) return fail(tokenError);

  if (!options.nonceStore.claim(claims.accessKeyId, claims.nonce, nowMs)) return fail(NONCE_USED);

  return {
    ok: true,
    scheme: claims.scheme,
    accessKeyId: claims.accessKeyId,
    action: claims.action,
    version: claims.version,
    params: claims.params,
  };
}

// ---------------------------------------------------------------------------------------------
// V1: everything travels as parameters (query ∪ form body).

const V1_REQUIRED_PARAMS = [
  "AccessKeyId",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureNonce",
  "Timestamp",
  "Action",
  "Version",
  V1_SIGNATURE_PARAM,
] as const;

/** Values the V1 scheme accepts for its fixed parameters. */
const V1_FIXED_VALUES = { SignatureMethod: "HMAC-SHA1", SignatureVersion: "1.0" } as const;

/** Parameters that belong to signing, not to the operation; stripped from the V1 result. */
const V1_SIGNING_PARAMS = new Set([
  ...V1_REQUIRED_PARAMS,
  "SecurityToken",
  "Format",
]);

function parseV1Claims(
  httpMethod: string,
  pairs: ReadonlyArray<[string, string]>,
): SignedRequestClaims | VerifyFailure {
  const fail = (error: AlibabaError): VerifyFailure => ({ ok: false, scheme: "V1", ...error });

  const unique = toUniqueRecord(pairs);
  if ("duplicate" in unique) return fail(invalidParameter(unique.duplicate));
  const allParams = unique.record;

  const missing = V1_REQUIRED_PARAMS.find((name) => !allParams[name]);
  if (missing) return fail(missingParameter(missing));
  for (const [name, acceptedValue] of Object.entries(V1_FIXED_VALUES)) {
    if (allParams[name] !== acceptedValue) return fail(invalidParameter(name));
  }

  // Every required parameter was just checked to be present and non-empty.
  const required = (name: (typeof V1_REQUIRED_PARAMS)[number]): string => allParams[name] ?? "";
  return {
    scheme: "V1",
    accessKeyId: required("AccessKeyId"),
    action: required("Action"),
    version: required("Version"),
    timestamp: required("Timestamp"),
    nonce: required("SignatureNonce"),
    securityToken: allParams["SecurityToken"] || undefined,
    params: Object.fromEntries(Object.entries(allParams).filter(([name]) => !V1_SIGNING_PARAMS.has(name))),
    signature: required(V1_SIGNATURE_PARAM),
    computeExpected: (secret) => computeV1Signature(httpMethod, allParams, secret),
  };
}

// ---------------------------------------------------------------------------------------------
// V3: identity and signature in the Authorization header, everything else in x-acs-* headers.

/** Headers whose value V3 needs, beyond being signed; an empty value counts as missing. */
const V3_REQUIRED_HEADER_VALUES = ["x-acs-action", "x-acs-version", "x-acs-signature-nonce"] as const;

function parseV3Claims(req: IncomingSignedRequest, authorization: string): SignedRequestClaims | VerifyFailure {
  const fail = (error: AlibabaError): VerifyFailure => ({ ok: false, scheme: "V3", ...error });

  const parsed = parseV3Authorization(authorization);
  if (!parsed) return fail(INCOMPLETE_SIGNATURE);
  const signed = new Set(parsed.signedHeaders);
  const signsWhatItMust = REQUIRED_V3_SIGNED_HEADERS.every((name) => signed.has(name));
  const everySignedHeaderWasSent = parsed.signedHeaders.every((name) => req.headers[name] !== undefined);
  // An unsigned token could be swapped by anyone on the path, so it may only travel signed.
  const tokenIsSignedIfSent = req.headers["x-acs-security-token"] === undefined || signed.has("x-acs-security-token");
  if (!signsWhatItMust || !everySignedHeaderWasSent || !tokenIsSignedIfSent) return fail(INCOMPLETE_SIGNATURE);

  const missingHeader = V3_REQUIRED_HEADER_VALUES.find((name) => !req.headers[name]?.trim());
  if (missingHeader) return fail(missingParameter(missingHeader));

  // V3 signs only the query; a form body is covered by the body hash but still carries parameters.
  const queryPairs = parseUrlEncodedPairs(req.rawQuery);
  const query = toUniqueRecord(queryPairs);
  if ("duplicate" in query) return fail(invalidParameter(query.duplicate));
  const allParams = toUniqueRecord([...queryPairs, ...readFormBodyPairs(req)]);
  if ("duplicate" in allParams) return fail(invalidParameter(allParams.duplicate));

  const header = (name: string): string => (req.headers[name] ?? "").trim();
  const actualPayloadHash = sha256Hex(req.body);
  return {
    scheme: "V3",
    accessKeyId: parsed.accessKeyId,
    action: header("x-acs-action"),
    version: header("x-acs-version"),
    timestamp: header("x-acs-date"),
    nonce: header("x-acs-signature-nonce"),
    securityToken: header("x-acs-security-token") || undefined,
    params: allParams.record,
    signature: parsed.signature,
    payloadHash: { claimed: header("x-acs-content-sha256"), actual: actualPayloadHash },
    computeExpected: (secret) =>
      computeV3Signature(
        {
          httpMethod: req.method,
          path: req.path,
          queryParams: query.record,
          headers: req.headers,
          signedHeaders: parsed.signedHeaders,
          // The hash of what actually arrived, so a mismatch message shows the server's view.
          hashedPayload: actualPayloadHash,
        },
        secret,
      ),
  };
}

// ---------------------------------------------------------------------------------------------
// Shared checks.

// yyyy-MM-ddTHH:mm:ssZ, UTC, no fraction, no offset.
const ALIBABA_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Milliseconds since the epoch, or undefined when not a real `yyyy-MM-ddTHH:mm:ssZ` instant. */
function parseAlibabaTimestamp(value: string): number | undefined {
  if (!ALIBABA_TIMESTAMP.test(value)) return undefined;
  const ms = Date.parse(value);
  // The round trip rejects dates the parser would roll over or refuse, e.g. 02-30 or 24:00:00.
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== value.replace("Z", ".000Z")) return undefined;
  return ms;
}

function checkTimestamp(value: string, nowMs: number, windowSeconds: number): AlibabaError | undefined {
  const timestampMs = parseAlibabaTimestamp(value);
  if (timestampMs === undefined) return TIMESTAMP_MALFORMED;
  // Either direction: a date far in the future would otherwise stay valid (and replayable) longer.
  return Math.abs(nowMs - timestampMs) > windowSeconds * 1000 ? TIMESTAMP_EXPIRED : undefined;
}

function checkSecurityToken(
  key: AccessKeyRecord,
  sentToken: string | undefined,
  nowMs: number,
): AlibabaError | undefined {
  if (!key.securityToken) return sentToken === undefined ? undefined : SECURITY_TOKEN_MALFORMED;
  if (sentToken === undefined) return SECURITY_TOKEN_MISSING;
  if (!constantTimeEquals(sentToken, key.securityToken)) return SECURITY_TOKEN_MISMATCH;
  if (key.expiresAt !== undefined && key.expiresAt < nowMs) return SECURITY_TOKEN_EXPIRED;
  return undefined;
}

/** Compares secrets without leaking, through timing, how many leading characters matched. */
function constantTimeEquals(a: string, b: string): boolean {
  const aBytes = Buffer.from(a, "utf8");
  const bBytes = Buffer.from(b, "utf8");
  // timingSafeEqual requires equal lengths; the length of a signature or token is no secret.
  return aBytes.length === bBytes.length && timingSafeEqual(aBytes, bBytes);
}

// ---------------------------------------------------------------------------------------------
// Reading parameters off the request.

/** Query parameters, then form-body parameters when the body is a form. */
function readParameterPairs(req: IncomingSignedRequest): Array<[string, string]> {
  return [...parseUrlEncodedPairs(req.rawQuery), ...readFormBodyPairs(req)];
}

function readFormBodyPairs(req: IncomingSignedRequest): Array<[string, string]> {
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/x-www-form-urlencoded" || req.body.length === 0) return [];
  return parseUrlEncodedPairs(req.body.toString("utf8"));
}

/**
 * A parameter given twice (twice in the query, or in both query and body) is refused: the
 * signature would cover both values while the operation could act on either of them.
 */
function toUniqueRecord(
  pairs: ReadonlyArray<[string, string]>,
): { record: Record<string, string> } | { duplicate: string } {
  const byName = new Map<string, string>();
  for (const [name, value] of pairs) {
    if (byName.has(name)) return { duplicate: name };
    byName.set(name, value);
  }
  // fromEntries defines own properties, so a parameter named "__proto__" stays a parameter.
  return { record: Object.fromEntries(byName) };
}
