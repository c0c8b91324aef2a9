// Request-level security: the cross-origin check, the session cookie, the client address, the
// response headers and log redaction.
import { afterEach, describe, expect, it } from "vitest";
import type { IncomingMessage } from "node:http";
import { clientAddress, PEER_ADDRESS_HEADER, stampPeerAddress } from "@/lib/security/client-address";
import { crossOriginRefusal } from "@/lib/security/same-origin";
import { clearSessionCookieHeader, isHttpsRequest, readSessionCookie, sessionCookieHeader } from "@/lib/auth/sessions";
import { issueToken } from "@/lib/auth/secret-token";
import { redactSecrets, redactText } from "@/lib/log/redact";
import { API_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy, SECURITY_HEADERS } from "@/lib/security/headers";

function request(method: string, headers: Record<string, string>, url = "http://127.0.0.1:3100/api/jobs/x/reset") {
  return { method, url, headers: new Headers({ host: "127.0.0.1:3100", ...headers }) };
}

describe("cross-origin state changes", () => {
  it("lets reads through whatever their origin", () => {
    expect(crossOriginRefusal(request("GET", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }))).toBeNull();
  });

  it("trusts the browser's Sec-Fetch-Site first", () => {
    expect(crossOriginRefusal(request("POST", { "sec-fetch-site": "same-origin" }))).toBeNull();
    for (const site of ["cross-site", "same-site", "none"]) expect(crossOriginRefusal(request("POST", { "sec-fetch-site": site }))).toMatch(site);
  });

  it("otherwise compares Origin with the console's own origin", () => {
    expect(crossOriginRefusal(request("POST", { origin: "http://127.0.0.1:3100" }))).toBeNull();
    expect(crossOriginRefusal(request("DELETE", { origin: "http://127.0.0.1:3101" }))).toMatch(/127\.0\.0\.1:3101/);
    expect(crossOriginRefusal(request("PATCH", { origin: "null" }))).toMatch(/opaque/);
    // Behind a TLS-terminating proxy that forwards the public host.
    const proxied = request("POST", { origin: "https://console.example.com", "x-forwarded-host": "console.example.com", "x-forwarded-proto": "https" });
    expect(crossOriginRefusal(proxied)).toBeNull();
    expect(crossOriginRefusal(request("POST", { origin: "https://console.example.com" }), "https://console.example.com/")).toBeNull();
  });

  it("lets non-browser clients (no Origin, no Sec-Fetch-Site) through: CSRF needs a browser", () => {
    expect(crossOriginRefusal(request("POST", {}))).toBeNull();
  });
});

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Strict, Path=/, bounded, and Secure with __Host- over HTTPS", () => {
    expect(sessionCookieHeader("tok", false, 43200)).toBe("dts_session=tok; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict");
    expect(sessionCookieHeader("tok", true, 43200)).toBe("__Host-dts_session=tok; Path=/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure");
    expect(clearSessionCookieHeader(false)).toBe("dts_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  });

  it("knows HTTPS from the URL or a proxy's X-Forwarded-Proto", () => {
    expect(isHttpsRequest(new Headers(), "https://x/")).toBe(true);
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "https" }), "http://x/")).toBe(true);
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "http" }), "http://x/")).toBe(false);
  });

  it("is read from the Cookie header, the __Host- one first", () => {
    expect(readSessionCookie("a=1; dts_session=plain; __Host-dts_session=secure")).toBe("secure");
    expect(readSessionCookie("a=1; dts_session=plain")).toBe("plain");
    expect(readSessionCookie("a=1")).toBeNull();
    expect(readSessionCookie(null)).toBeNull();
  });
});

describe("the client address", () => {
  // The rules in full, with TRUSTED_PROXIES: tests/unit/client-address.test.ts.
  it("is the connection's peer; X-Forwarded-For is not believed without trusted proxies", () => {
    const request = { headers: {}, rawHeaders: [], socket: { remoteAddress: "::ffff:198.51.100.7" } } as unknown as IncomingMessage;
    stampPeerAddress(request);
    const peer = String(request.headers[PEER_ADDRESS_HEADER]);
    expect(clientAddress(new Headers({ [PEER_ADDRESS_HEADER]: peer, "x-forwarded-for": "6.6.6.6, 203.0.113.5" }))).toBe("198.51.100.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.5" }))).toBeNull();
  });
});

describe("response headers", () => {
  it("allow no inline script: only this response's nonce, and frame nothing", () => {
    const policy = pageContentSecurityPolicy({ nonce: "abc123==", development: false, https: false });
    const scriptSrc = policy.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(pageContentSecurityPolicy({ nonce: "n", development: true, https: true })).toMatch(/'unsafe-eval'.*upgrade-insecure-requests/);
    expect(API_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(SECURITY_HEADERS).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin" });
    expect(SECURITY_HEADERS["Permissions-Policy"]).toContain("camera=()");
  });
});

describe("log redaction", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("drops fields named like secrets, at any depth", () => {
    expect(redactSecrets({ user: "alice", password: "pw", nested: { accessKeySecret: "s", list: [{ SecurityToken: "t" }] }, headers: { Authorization: "x", cookie: "y" } })).toEqual({
      user: "alice",
      password: "[redacted]",
      nested: { accessKeySecret: "[redacted]", list: [{ SecurityToken: "[redacted]" }] },
      headers: { Authorization: "[redacted]", cookie: "[redacted]" },
    });
  });

  it("cuts tokens, bearer credentials, signatures and configured secrets out of any text", () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "configured-secret-value-123";
    const session = issueToken("dtss").presented;
    const text = `cookie ${session} then Bearer abc.def and https://dts.aliyuncs.com/?Action=X&Signature=abc%2Bdef&SecurityToken=sts-xyz and configured-secret-value-123`;
    const redacted = redactText(text);
    expect(redacted).not.toContain(session);
    expect(redacted).not.toContain("abc.def");
    expect(redacted).not.toContain("abc%2Bdef");
    expect(redacted).not.toContain("sts-xyz");
    expect(redacted).not.toContain("configured-secret-value-123");
    expect(redacted).toContain("Signature=[redacted]");
    expect(redactSecrets({ error: new Error(`failed with ${session}`) })).toEqual({ error: { name: "Error", message: "failed with [redacted]" } });
  });
});
