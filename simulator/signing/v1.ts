// V1: RPC signing with HMAC-SHA1 (wire value SignatureVersion=1.0; Alibaba's docs call it
// "signature method V2 for RPC APIs"). See https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism.

import { createHmac } from "node:crypto";
import { alibabaPercentEncode, canonicalizeParams } from "./encode";

/** The parameter that carries the result; it is never part of what gets signed. */
export const V1_SIGNATURE_PARAM = "Signature";

export interface V1Signing {
  canonicalizedQueryString: string;
  stringToSign: string;
  /** Base64 HMAC-SHA1. */
  signature: string;
}

/**
 * The sorted, strictly encoded `name=value&…` string over every parameter except `Signature`.
 * `params` must already be decoded (query ∪ form body).
 */
export function buildV1CanonicalizedQueryString(params: Readonly<Record<string, string>>): string {
  const signed = Object.fromEntries(
    Object.entries(params).filter(([name]) => name !== V1_SIGNATURE_PARAM),
  );
  return canonicalizeParams(signed);
}

/**
 * `METHOD&%2F&enc(canonical)`. The canonical string is encoded a second time here, which is why
 * a `:` in the timestamp ends up as `%253A`. The method makes GET and POST sign differently.
 */
export function buildV1StringToSign(httpMethod: string, canonicalizedQueryString: string): string {
  return `${httpMethod}&${alibabaPercentEncode("/")}&${alibabaPercentEncode(canonicalizedQueryString)}`;
}

/** Base64 HMAC-SHA1 keyed with `secret + "&"` (the `&` is a leftover of "secret&token-secret"). */
export function signV1StringToSign(stringToSign: string, accessKeySecret: string): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign, "utf8").digest("base64");
}

/** Every intermediate value of a V1 signature, for verifying and for error messages. */
export function computeV1Signature(
  httpMethod: string,
  params: Readonly<Record<string, string>>,
  accessKeySecret: string,
): V1Signing {
  const canonicalizedQueryString = buildV1CanonicalizedQueryString(params);
  const stringToSign = buildV1StringToSign(httpMethod, canonicalizedQueryString);
  return { canonicalizedQueryString, stringToSign, signature: signV1StringToSign(stringToSign, accessKeySecret) };
}
