// TRUSTED_PROXIES: which hops in front of the console may tell it the client's address. Parsed and
// validated with the rest of the configuration (./env.ts); applied per request by
// lib/security/client-address.ts.
import { isIP } from "node:net";

export interface AddressRange {
  /** Normalised address (IPv4-mapped IPv6 written as IPv4). */
  address: string;
  /** Prefix length: 32 or 128 for a single address. */
  prefix: number;
  family: "ipv4" | "ipv6";
}

export type TrustedProxies =
  /** No proxy: the connection's peer is the client, X-Forwarded-For is ignored. */
  | { kind: "none" }
  /** This many proxies in a row, the nearest being the connection's peer. */
  | { kind: "count"; count: number }
  /** Hops whose address is in one of these ranges are proxies. */
  | { kind: "list"; ranges: readonly AddressRange[] };

export const NO_TRUSTED_PROXIES: TrustedProxies = { kind: "none" };
export const MAX_TRUSTED_PROXY_COUNT = 10;

export const TRUSTED_PROXIES_RULE =
  `a number of proxies from 0 to ${MAX_TRUSTED_PROXY_COUNT}, or a comma-separated list of IPv4/IPv6 addresses and CIDR ranges (e.g. 10.0.0.0/8, 2001:db8::1)`;

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * An address as a hop wrote it, reduced to the bare IP: brackets and a port removed
 * ("[2001:db8::1]:443", "192.0.2.1:5678"), IPv4-mapped IPv6 ("::ffff:192.0.2.1", what a
 * dual-stack socket reports) written as IPv4. Null when it is not an IP address.
 */
export function normalizeAddress(raw: string | null | undefined): string | null {
  let text = raw?.trim();
  if (!text) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  const mapped = MAPPED_IPV4.exec(text);
  if (mapped) text = mapped[1]!;
  const family = isIP(text);
  if (family === 0) return null;
  return family === 6 ? text.toLowerCase() : text;
}

function parseRange(entry: string): AddressRange | null {
  const [rawAddress, rawPrefix, ...rest] = entry.split("/");
  if (rest.length > 0) return null;
  const address = normalizeAddress(rawAddress);
  if (!address || address.includes("%")) return null;
  const family = isIP(address) === 4 ? "ipv4" : "ipv6";
  const max = family === "ipv4" ? 32 : 128;
  if (rawPrefix === undefined) return { address, prefix: max, family };
  if (!/^\d{1,3}$/.test(rawPrefix)) return null;
  const prefix = Number(rawPrefix);
  // "::ffff:10.0.0.0/104" is the IPv4 range 10.0.0.0/8 written the IPv6 way.
  const mappedShift = family === "ipv4" && MAPPED_IPV4.test(rawAddress?.trim() ?? "") ? 96 : 0;
  if (prefix < mappedShift || prefix - mappedShift > max) return null;
  return { address, prefix: prefix - mappedShift, family };
}

/** The setting, or why it is not one (the message never repeats more than the offending entry). */
export function parseTrustedProxies(raw: string): { ok: true; value: TrustedProxies } | { ok: false; message: string } {
  const text = raw.trim();
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    if (count > MAX_TRUSTED_PROXY_COUNT) return { ok: false, message: `must be ${TRUSTED_PROXIES_RULE}` };
    return { ok: true, value: count === 0 ? NO_TRUSTED_PROXIES : { kind: "count", count } };
  }
  const entries = text.split(",").map((entry) => entry.trim());
  const ranges: AddressRange[] = [];
  for (const entry of entries) {
    const range = entry ? parseRange(entry) : null;
    if (!range) return { ok: false, message: `has "${entry.slice(0, 60)}", which is not an address or CIDR range; it must be ${TRUSTED_PROXIES_RULE}` };
    ranges.push(range);
  }
  return { ok: true, value: { kind: "list", ranges } };
}
