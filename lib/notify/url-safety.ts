import "server-only";
// Where a channel may post: https only, and never to an address inside the console's own network
// (loopback, link-local, private, CGNAT, unique-local, and the same hidden in IPv4-mapped or NAT64
// IPv6). Otherwise an admin's channel URL, or a DNS name they control, would make the console a
// way in to the metadata service or an internal admin port (SSRF). A host name is resolved and
// every address it gives must pass; sendNotification resolves again at send time and connects to
// the checked address itself, so a name that answers differently the second time (DNS rebinding)
// cannot get past the check. NOTIFY_ALLOW_LOOPBACK admits http(s) to this machine for tests and
// the demo, and still nothing private.
import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import type { UrlCheck } from "./channel-kinds";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses; the default is the system resolver (getaddrinfo). */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolve: Resolve = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
};

export interface UrlPolicy {
  allowLoopback: boolean;
  /** Tests only: a resolver other than the system's. */
  resolve?: Resolve;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** Never a destination, whatever the options: each range with why. */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  ["10.0.0.0", 8], // RFC 1918
  ["100.64.0.0", 10], // CGNAT, RFC 6598 (also Alibaba Cloud's internal service range)
  ["169.254.0.0", 16], // link-local, where cloud metadata services answer
  ["172.16.0.0", 12], // RFC 1918
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.168.0.0", 16], // RFC 1918
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and the broadcast address
] as const) {
  FORBIDDEN.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128], // unspecified
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // deprecated site-local
  ["ff00::", 8], // multicast
] as const) {
  FORBIDDEN.addSubnet(network, prefix, "ipv6");
}

/** Hex groups of a valid IPv6 literal, expanded to eight 16-bit numbers. */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a, b, c, d] = dotted[1].split(".").map(Number) as [number, number, number, number];
    text = text.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((group) => parseInt(group, 16));
}

/** The IPv4 address an IPv6 one carries (IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96, NAT64 64:ff9b::/96), or null. */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const low = `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return low;
  if (zeros(0, 6) && (g[6] !== 0 || g[7]! > 1)) return low;
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return low;
  return null;
}

export type AddressClass = "public" | "loopback" | "private";

/** What an IP literal is, looking through the IPv6 forms that carry an IPv4 address. */
export function classifyAddress(address: string): AddressClass {
  const version = isIP(address);
  if (version === 0) return "private";
  if (version === 6) {
    const inner = embeddedIpv4(address);
    if (inner) return classifyAddress(inner);
  }
  const type = version === 4 ? "ipv4" : "ipv6";
  if (LOOPBACK.check(address, type)) return "loopback";
  if (FORBIDDEN.check(address, type)) return "private";
  return "public";
}

/** The host of a URL without IPv6 brackets. */
export function bareHost(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

function isLoopbackName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || (isIP(name) !== 0 && classifyAddress(name) === "loopback");
}

export type ChannelDestination =
  | { ok: true; url: URL; address: ResolvedAddress }
  /** `transient`: the name did not resolve now (DNS down, NXDOMAIN); worth another try later. */
  | { ok: false; reason: string; transient: boolean };

/**
 * The checked address to connect to for a channel URL, or why none may be used. Every address a
 * name resolves to must pass, so a name cannot hide a private address behind a public one.
 */
export async function resolveChannelDestination(raw: string, policy: UrlPolicy): Promise<ChannelDestination> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a URL", transient: false };
  }
  const host = bareHost(url);
  if (url.username || url.password) return { ok: false, reason: "a URL with a user name or password is refused", transient: false };
  if (url.protocol === "http:") {
    if (!(policy.allowLoopback && isLoopbackName(host))) {
      return { ok: false, reason: "only https URLs are allowed (http only to this machine, with NOTIFY_ALLOW_LOOPBACK)", transient: false };
    }
  } else if (url.protocol !== "https:") {
    return { ok: false, reason: "only https URLs are allowed", transient: false };
  }

  let addresses: ResolvedAddress[];
  const version = isIP(host);
  if (version !== 0) {
    addresses = [{ address: host, family: version === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (policy.resolve ?? systemResolve)(host);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException | null)?.code ?? "error";
      return { ok: false, reason: `the host name did not resolve (${code})`, transient: true };
    }
    if (addresses.length === 0) return { ok: false, reason: "the host name did not resolve", transient: true };
  }

  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind === "private") return { ok: false, reason: `the host is a private, link-local or reserved address (${address})`, transient: false };
    if (kind === "loopback" && !policy.allowLoopback) return { ok: false, reason: `the host is a loopback address (${address})`, transient: false };
  }
  return { ok: true, url, address: addresses[0]! };
}

/** The admin's check when a channel is saved: the same rule the sender applies before each post. */
export async function checkChannelUrl(url: string, opts: UrlPolicy): Promise<UrlCheck> {
  const destination = await resolveChannelDestination(url, opts);
  return destination.ok ? { ok: true } : { ok: false, reason: destination.reason };
}
