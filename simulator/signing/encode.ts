// Alibaba Cloud's percent-encoding, and the decoding of what clients actually put on the wire.
//
// Signing always uses the strict Alibaba encoding, but clients do not all put that encoding on the
// wire (the Darabonba SDKs use Node's querystring.stringify, which leaves `* ! ' ( )` raw). So a
// verifier must never sign the raw wire text: it decodes it here and re-encodes it strictly.

import { unescape as lenientPercentDecode } from "node:querystring";

/**
 * Alibaba percent-encoding of a string's UTF-8 bytes: `A-Z a-z 0-9 - _ . ~` stay literal, every
 * other byte becomes `%XY` with upper-case hex (space is `%20`, never `+`; `*` is `%2A`).
 */
export function alibabaPercentEncode(value: string): string {
  // encodeURIComponent already works on UTF-8 with upper-case hex and leaves exactly
  // `A-Z a-z 0-9 - _ . ~ ! * ' ( )` literal; the last five must be encoded for Alibaba.
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Decodes one name or value of an application/x-www-form-urlencoded string: `+` is a space and
 * `%XY` is a byte. Malformed escapes are kept literally instead of throwing, so a garbled request
 * ends in a signature mismatch rather than a crash.
 */
export function decodeFormComponent(raw: string): string {
  return lenientPercentDecode(raw.replace(/\+/g, " "));
}

/**
 * Splits a query string or form body into decoded (name, value) pairs, in wire order, keeping
 * duplicates. `name` without `=` has the value "". Empty segments (`a=1&&b=2`) are skipped.
 */
export function parseUrlEncodedPairs(raw: string): Array<[name: string, value: string]> {
  const pairs: Array<[string, string]> = [];
  for (const segment of raw.split("&")) {
    if (segment === "") continue;
    const equalsAt = segment.indexOf("=");
    const rawName = equalsAt === -1 ? segment : segment.slice(0, equalsAt);
    const rawValue = equalsAt === -1 ? "" : segment.slice(equalsAt + 1);
    pairs.push([decodeFormComponent(rawName), decodeFormComponent(rawValue)]);
  }
  return pairs;
}

/**
 * Joins parameters as `enc(name)=enc(value)` pairs, sorted by name in UTF-16 code-unit order
 * (case-sensitive: `TimeStamp` sorts before `Timestamp`). Both V1 and V3 canonicalise this way.
 */
export function canonicalizeParams(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort(compareCodeUnits)
    .map((name) => `${alibabaPercentEncode(name)}=${alibabaPercentEncode(params[name] ?? "")}`)
    .join("&");
}

/** Code-unit order, spelled out so nobody "fixes" it to a locale-aware compare. */
function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
