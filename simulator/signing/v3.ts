// V3: ACS3-HMAC-SHA256, carried in the Authorization header. See
// https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature.

import { createHash, createHmac } from "node:crypto";
import { alibabaPercentEncode, canonicalizeParams, decodeFormComponent } from "./encode";

export const V3_ALGORITHM = "ACS3-HMAC-SHA256";

/** Headers without which a V3 signature proves too little (who, what, when, once, which body). */
export const REQUIRED_V3_SIGNED_HEADERS = [
  "host",
  "x-acs-action",
  "x-acs-version",
  "x-acs-date",
  "x-acs-signature-nonce",
  "x-acs-content-sha256",
] as const;

export interface V3Authorization {
  accessKeyId: string;
  /** Lower-case names, sorted, no duplicates. */
  signedHeaders: string[];
  /** Lower-case hex. */
  signature: string;
}

export interface V3CanonicalRequestParts {
  httpMethod: string;
  /** The path as received; each segment is decoded and re-encoded here. */
  path: string;
  /** Decoded query parameters. */
  queryParams: Readonly<Record<string, string>>;
  /** Header values by lower-case name. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The names to sign, lower-case. */
  signedHeaders: readonly string[];
  /** Hex SHA-256 of the body. */
  hashedPayload: string;
}

export interface V3Signing {
  canonicalRequest: string;
  hashedCanonicalRequest: string;
  stringToSign: string;
  /** Lower-case hex HMAC-SHA256. */
  signature: string;
}

const HEADER_NAME = /^[a-z0-9-]+$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Parses `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`.
 * Returns undefined for anything else: another algorithm, a missing or repeated part, an
 * upper-case or repeated header name, `authorization` among the signed headers, or a signature
 * that is not 64 hex digits.
 */
export function parseV3Authorization(header: string): V3Authorization | undefined {
  const spaceAt = header.indexOf(" ");
  if (spaceAt === -1 || header.slice(0, spaceAt) !== V3_ALGORITHM) return undefined;

  const parts = new Map<string, string>();
  for (const part of header.slice(spaceAt + 1).split(",")) {
    const equalsAt = part.indexOf("=");
    if (equalsAt === -1) return undefined;
    const key = part.slice(0, equalsAt).trim();
    if (parts.has(key)) return undefined;
    parts.set(key, part.slice(equalsAt + 1).trim());
  }
  const accessKeyId = parts.get("Credential");
  const signedHeaderList = parts.get("SignedHeaders");
  const signature = parts.get("Signature")?.toLowerCase();
  if (parts.size !== 3 || !accessKeyId || !signedHeaderList || !signature) return undefined;
  if (!HEX_SHA256.test(signature)) return undefined;

  const signedHeaders = signedHeaderList.split(";");
  const allWellFormed = signedHeaders.every((name) => HEADER_NAME.test(name) && name !== "authorization");
  if (!allWellFormed || new Set(signedHeaders).size !== signedHeaders.length) return undefined;

  // Canonical headers are defined in sorted order; sorting here means a client that listed them
  // in another order is still checked against the canonical form, never against its own order.
  return { accessKeyId, signedHeaders: [...signedHeaders].sort(), signature };
}

/** Lower-case hex SHA-256, as used for the payload hash and the canonical-request hash. */
export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** "/" for RPC; for a deeper path each segment is decoded, then Alibaba-encoded. */
export function buildV3CanonicalUri(path: string): string {
  if (path === "" || path === "/") return "/";
  return path
    .split("/")
    .map((segment) => alibabaPercentEncode(decodePathSegment(segment)))
    .join("/");
}

/** In a path `+` is a literal plus, unlike in a query or form body. */
function decodePathSegment(segment: string): string {
  return decodeFormComponent(segment.replace(/\+/g, "%2B"));
}

/** `name=value` pairs sorted by name, strictly encoded; an empty value gives `name=`. */
export function buildV3CanonicalQueryString(queryParams: Readonly<Record<string, string>>): string {
  return canonicalizeParams(queryParams);
}

/** One `name:trimmed-value\n` line per signed header; a header that is absent counts as "". */
export function buildV3CanonicalHeaders(
  headers: Readonly<Record<string, string | undefined>>,
  signedHeaders: readonly string[],
): string {
  return signedHeaders.map((name) => `${name}:${(headers[name] ?? "").trim()}\n`).join("");
}

/**
 * METHOD, URI, query, headers, signed-header list and payload hash, one per line. The header block
 * ends in "\n" and is followed by the separator, so there is a blank line before the list.
 */
export function buildV3CanonicalRequest(parts: V3CanonicalRequestParts): string {
  return [
    parts.httpMethod,
    buildV3CanonicalUri(parts.path),
    buildV3CanonicalQueryString(parts.queryParams),
    buildV3CanonicalHeaders(parts.headers, parts.signedHeaders),
    parts.signedHeaders.join(";"),
    parts.hashedPayload,
  ].join("\n");
}

/** Hex HMAC-SHA256 keyed with the bare secret (no "&" suffix in V3). */
export function signV3StringToSign(stringToSign: string, accessKeySecret: string): string {
  return createHmac("sha256", accessKeySecret).update(stringToSign, "utf8").digest("hex");
}

/** Every intermediate value of a V3 signature, for verifying and for error messages. */
export function computeV3Signature(parts: V3CanonicalRequestParts, accessKeySecret: string): V3Signing {
  const canonicalRequest = buildV3CanonicalRequest(parts);
  const hashedCanonicalRequest = sha256Hex(canonicalRequest);
  const stringToSign = `${V3_ALGORITHM}\n${hashedCanonicalRequest}`;
  return {
    canonicalRequest,
    hashedCanonicalRequest,
    stringToSign,
    signature: signV3StringToSign(stringToSign, accessKeySecret),
  };
}
