// The client address: the connection's peer, and X-Forwarded-For only as far as TRUSTED_PROXIES
// allows (a count of hops or a list of addresses and CIDR ranges).
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER, stampPeerAddress } from "@/lib/security/client-address";
import { normalizeAddress, parseTrustedProxies, type TrustedProxies } from "@/lib/config/trusted-proxies";

function proxies(raw: string): TrustedProxies {
  const parsed = parseTrustedProxies(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

/** A request as Node's server hands it over, stamped as scripts/serve.ts stamps it. */
function stamped(remoteAddress: string | undefined, headers: Record<string, string> = {}) {
  const raw = Object.entries(headers).flat();
  const request = { headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])), rawHeaders: raw, socket: { remoteAddress } };
  stampPeerAddress(request as unknown as IncomingMessage);
  return request;
}

/** The headers a route handler sees for a request from `peer` carrying `forwarded`. */
function seen(peer: string, forwarded?: string): Headers {
  const request = stamped(peer, forwarded === undefined ? {} : { "X-Forwarded-For": forwarded });
  return new Headers(request.headers as Record<string, string>);
}

describe("the peer address header", () => {
  it("replaces a copy the client sent with the socket's address, in headers and raw headers", () => {
    const request = stamped("192.0.2.44", { "X-DTS-Console-Peer": "10.9.9.9", Accept: "*/*" });
    expect(request.headers[PEER_ADDRESS_HEADER]).toBe("192.0.2.44");
    expect(request.rawHeaders).toEqual(["Accept", "*/*"]);
  });

  it("is removed and not replaced when the socket has no address (closed)", () => {
    const request = stamped(undefined, { "x-dts-console-peer": "10.9.9.9" });
    expect(request.headers).not.toHaveProperty(PEER_ADDRESS_HEADER);
    expect(clientAddress(new Headers(request.headers as Record<string, string>), proxies("0"))).toBeNull();
  });
});

describe("with no trusted proxy (the default)", () => {
  const none = proxies("0");

  it("is the socket's address, whatever X-Forwarded-For says", () => {
    expect(clientAddress(seen("198.51.100.7", "6.6.6.6, 203.0.113.5"), none)).toBe("198.51.100.7");
    expect(clientAddress(seen("198.51.100.7"), none)).toBe("198.51.100.7");
  });

  it("writes a dual-stack socket's IPv4 client as IPv4 and keeps IPv6 as IPv6", () => {
    expect(clientAddress(seen("::ffff:127.0.0.1"), none)).toBe("127.0.0.1");
    expect(clientAddress(seen("::1"), none)).toBe("::1");
  });

  it("is unknown when nothing stamped the request: headers alone are never believed", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.5", "x-real-ip": "203.0.113.5" }), none)).toBeNull();
  });
});

describe("with a count of proxies", () => {
  it("1: the rightmost X-Forwarded-For entry, the one the proxy appended", () => {
    expect(clientAddress(seen("10.0.0.2", "6.6.6.6, 203.0.113.5"), proxies("1"))).toBe("203.0.113.5");
  });

  it("2: skips the nearer proxy's entry too", () => {
    expect(clientAddress(seen("10.0.0.2", "6.6.6.6, 203.0.113.5, 10.0.0.9"), proxies("2"))).toBe("203.0.113.5");
  });

  it("falls back to the furthest hop when fewer hops arrived than declared", () => {
    expect(clientAddress(seen("10.0.0.2"), proxies("1"))).toBe("10.0.0.2");
    expect(clientAddress(seen("10.0.0.2", "203.0.113.5"), proxies("3"))).toBe("203.0.113.5");
  });

  it("accepts the forms proxies write: ports, brackets, mapped IPv4; refuses what is not an address", () => {
    expect(clientAddress(seen("10.0.0.2", "203.0.113.5:51234"), proxies("1"))).toBe("203.0.113.5");
    expect(clientAddress(seen("10.0.0.2", "[2001:DB8::5]:443"), proxies("1"))).toBe("2001:db8::5");
    expect(clientAddress(seen("10.0.0.2", "::ffff:203.0.113.5"), proxies("1"))).toBe("203.0.113.5");
    expect(clientAddress(seen("10.0.0.2", "unknown"), proxies("1"))).toBeNull();
  });
});

describe("with a list of proxies", () => {
  it("walks from the right past trusted addresses; the first untrusted one is the client", () => {
    const list = proxies("10.0.0.0/8, 192.0.2.1");
    expect(clientAddress(seen("10.0.0.2", "6.6.6.6, 203.0.113.5, 192.0.2.1"), list)).toBe("203.0.113.5");
    expect(clientAddress(seen("10.0.0.2", "6.6.6.6, 203.0.113.5"), list)).toBe("203.0.113.5");
  });

  it("ignores X-Forwarded-For when the peer itself is not a trusted proxy (forged header)", () => {
    expect(clientAddress(seen("203.0.113.77", "10.0.0.5, 1.2.3.4"), proxies("10.0.0.0/8"))).toBe("203.0.113.77");
  });

  it("matches IPv6 CIDR ranges, and an IPv4 range holds the mapped form of its addresses", () => {
    const list = proxies("2001:db8::/32, 10.0.0.0/8");
    expect(clientAddress(seen("2001:db8:1::2", "2001:db9::1"), list)).toBe("2001:db9::1");
    expect(clientAddress(seen("::ffff:10.1.2.3", "198.51.100.1"), list)).toBe("198.51.100.1");
    expect(clientAddress(seen("2001:db9::2", "198.51.100.1"), list)).toBe("2001:db9::2");
  });

  it("is the furthest hop when every hop is trusted, and unknown when a walked hop is not an address", () => {
    const list = proxies("10.0.0.0/8");
    expect(clientAddress(seen("10.0.0.2", "10.0.0.3"), list)).toBe("10.0.0.3");
    expect(clientAddress(seen("10.0.0.2", "garbage"), list)).toBeNull();
    expect(clientAddress(seen("10.0.0.2"), list)).toBe("10.0.0.2");
  });
});

describe("TRUSTED_PROXIES", () => {
  it("is a count from 0 to 10 or a list of addresses and CIDR ranges", () => {
    expect(proxies("0")).toEqual({ kind: "none" });
    expect(proxies(" 2 ")).toEqual({ kind: "count", count: 2 });
    expect(proxies("10.0.0.0/8,::1, ::ffff:172.16.0.0/108")).toEqual({
      kind: "list",
      ranges: [
        { address: "10.0.0.0", prefix: 8, family: "ipv4" },
        { address: "::1", prefix: 128, family: "ipv6" },
        { address: "172.16.0.0", prefix: 12, family: "ipv4" },
      ],
    });
  });

  it("refuses anything else, saying what is accepted", () => {
    for (const bad of ["11", "-1", "10.0.0.0/33", "2001:db8::/129", "proxy.example.com", "10.0.0.1,", "10.0.0.1/8/1", "1.2.3"]) {
      const parsed = parseTrustedProxies(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/number of proxies from 0 to 10, or a comma-separated list/);
    }
  });

  it("normalises addresses the way hops write them", () => {
    expect(normalizeAddress(" [::1]:3000 ")).toBe("::1");
    expect(normalizeAddress("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("")).toBeNull();
    expect(normalizeAddress("not-an-ip")).toBeNull();
  });
});
