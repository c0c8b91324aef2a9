// The client's address as recorded on resets and auth events and used for sign-in throttling.
//
// It comes from the connection, never from what the client wrote. Route handlers cannot see the
// socket, so the server in front of Next.js (scripts/serve.ts) writes the peer's address into the
// PEER_ADDRESS_HEADER of every request, replacing any copy the client sent. X-Forwarded-For is read
// only when the operator declared the proxies in front of the console (TRUSTED_PROXIES), and then
// only the entries those proxies appended: the hops are walked from the nearest (the peer) outwards,
// and the first one that is not a trusted proxy is the client.
import "server-only";
import type { IncomingMessage } from "node:http";
import { BlockList } from "node:net";
import { getConfig } from "@/lib/config/env";
import { normalizeAddress, type TrustedProxies } from "@/lib/config/trusted-proxies";

/** Internal: the connection's peer address, set by scripts/serve.ts; a client's own copy is removed. */
export const PEER_ADDRESS_HEADER = "x-dts-console-peer";

// Set in this process by the first stamped request. Under a bare `next start` nothing strips a
// client's PEER_ADDRESS_HEADER, so without this mark the header is not believed. A global, not a
// module variable: the Next.js bundle has its own copy of this module.
const STAMPING = Symbol.for("dts-reset-console.peer-address-stamping");
const marks = globalThis as { [STAMPING]?: true };

/**
 * Called by the HTTP server for each request before Next.js sees it: removes any client-sent
 * PEER_ADDRESS_HEADER and writes the socket's remote address in its place.
 */
export function stampPeerAddress(request: Pick<IncomingMessage, "headers" | "rawHeaders" | "socket">): void {
  marks[STAMPING] = true;
  delete request.headers[PEER_ADDRESS_HEADER];
  for (let i = request.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (request.rawHeaders[i]?.toLowerCase() === PEER_ADDRESS_HEADER) request.rawHeaders.splice(i, 2);
  }
  const peer = request.socket?.remoteAddress;
  if (peer) request.headers[PEER_ADDRESS_HEADER] = peer;
}

const blockLists = new WeakMap<TrustedProxies, BlockList>();

function trustedList(proxies: Extract<TrustedProxies, { kind: "list" }>): BlockList {
  let list = blockLists.get(proxies);
  if (!list) {
    list = new BlockList();
    for (const range of proxies.ranges) list.addSubnet(range.address, range.prefix, range.family);
    blockLists.set(proxies, list);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, address.includes(":") ? "ipv6" : "ipv4");
}

/**
 * The client's address, or null when the request did not come through scripts/serve.ts's server
 * (no peer address: a bare `next start`) or a trusted proxy passed on something that is not an IP
 * address.
 */
export function clientAddress(headers: Pick<Headers, "get">, proxies: TrustedProxies = getConfig().TRUSTED_PROXIES): string | null {
  const peer = marks[STAMPING] ? normalizeAddress(headers.get(PEER_ADDRESS_HEADER)) : null;
  if (!peer || proxies.kind === "none") return peer;

  // Furthest first: what the client claimed, what each proxy appended, and the peer itself.
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  const hops = [...forwarded, peer];

  if (proxies.kind === "count") {
    // The nearest `count` hops are proxies; the one before them is the client. Fewer hops than
    // that: the request skipped a proxy, and the furthest hop is the best there is.
    return normalizeAddress(hops[Math.max(0, hops.length - 1 - proxies.count)]);
  }

  const list = trustedList(proxies);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const address = normalizeAddress(hops[i]);
    if (!address) return null;
    if (!isTrusted(list, address)) return address;
  }
  // Every hop is a trusted proxy (a health check from the load balancer, say): the furthest one.
  return normalizeAddress(hops[0]);
}

export function userAgent(headers: Pick<Headers, "get">): string | null {
  return headers.get("user-agent")?.slice(0, 512) ?? null;
}
