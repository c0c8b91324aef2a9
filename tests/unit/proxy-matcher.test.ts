// proxy.ts's matcher leaves out exactly the API's own routes (they set their headers themselves,
// lib/api/route.ts) and keeps everything else: pages, and /api/ addresses no route serves.
import fs from "node:fs";
import path from "node:path";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "../../proxy";

const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });

/** Every app/api route as a concrete address (each [segment] filled in). */
function apiRouteAddresses(dir = path.join(process.cwd(), "app", "api"), prefix = "/api"): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === "route.ts") out.push(prefix);
    if (entry.isDirectory()) {
      const segment = entry.name.startsWith("[") ? "some-id_1" : entry.name;
      out.push(...apiRouteAddresses(path.join(dir, entry.name), `${prefix}/${segment}`));
    }
  }
  return out;
}

describe("proxy matcher", () => {
  it("skips every API route (they set the security headers themselves)", () => {
    const routes = apiRouteAddresses();
    expect(routes.length).toBeGreaterThan(10);
    for (const url of routes) expect(matches(url), url).toBe(false);
    expect(matches("/api/jobs?region=cn-hangzhou&type=sync")).toBe(false);
  });

  it("runs for pages and for /api/ addresses no route serves", () => {
    for (const url of ["/", "/jobs", "/jobs?region=cn-hangzhou&type=sync", "/jobs/dtsabc?region=x", "/resets", "/sign-in", "/api", "/api/", "/api/nope", "/api/jobs/a/b", "/api/healthz", "/api/jobs/x/reset/more"]) {
      expect(matches(url), url).toBe(true);
    }
  });

  it("never runs for static files", () => {
    expect(matches("/_next/static/chunks/main.js")).toBe(false);
  });
});
