// The benchmark's floor (issue 26): app/api/jobs/bench-floor/route.bench.ts is a route only in the
// benchmark's build (BENCH_FLOOR=1 adds the `bench.ts` page extension in next.config.js), never
// in a production one; and what it answers is DTS's own JSON for the same signed DescribeDtsJobs,
// unchanged, which the real simulator over HTTP checks (it refuses a bad signature).
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { config as proxyConfig } from "../../proxy";
import { resetConfig } from "@/lib/config/env";
import { startHarness, type Harness } from "./dts-harness";
import { simulatorConsoleEnv } from "./route-suite";

const ROOT = process.cwd();
const FLOOR_DIR = path.join(ROOT, "app", "api", "jobs", "bench-floor");

/** next.config.js's page extensions with BENCH_FLOOR set as given, read afresh each time. */
function pageExtensionsWith(benchFloor: string | undefined): string[] {
  const require = createRequire(import.meta.url);
  const file = path.join(ROOT, "next.config.js");
  const saved = process.env.BENCH_FLOOR;
  if (benchFloor === undefined) delete process.env.BENCH_FLOOR;
  else process.env.BENCH_FLOOR = benchFloor;
  try {
    delete require.cache[require.resolve(file)];
    return (require(file) as { pageExtensions: string[] }).pageExtensions;
  } finally {
    if (saved === undefined) delete process.env.BENCH_FLOOR;
    else process.env.BENCH_FLOOR = saved;
    delete require.cache[require.resolve(file)];
  }
}

/** Whether Next.js takes `fileName` for a route handler under these page extensions (route.<ext>). */
const isRouteFile = (fileName: string, extensions: string[]) => extensions.some((ext) => fileName === `route.${ext}`);

describe("the floor route exists only in the benchmark's build", () => {
  const floorFiles = fs.readdirSync(FLOOR_DIR);

  it("is not a route file in a production build (no BENCH_FLOOR, or any other value)", () => {
    expect(floorFiles).toEqual(["route.bench.ts"]);
    for (const flag of [undefined, "", "0", "true"]) {
      const extensions = pageExtensionsWith(flag);
      expect(extensions, `BENCH_FLOOR=${flag}`).toEqual(["tsx", "ts", "jsx", "js"]);
      expect(floorFiles.some((f) => isRouteFile(f, extensions)), `BENCH_FLOOR=${flag}`).toBe(false);
    }
  });

  it("is one in the benchmark's build (BENCH_FLOOR=1), beside every console route", () => {
    const extensions = pageExtensionsWith("1");
    expect(floorFiles.some((f) => isRouteFile(f, extensions))).toBe(true);
    // The console's own route files stay route files.
    expect(isRouteFile("route.ts", extensions)).toBe(true);
  });

  it("is skipped by proxy.ts's matcher, as the console's API routes are (a fair floor)", () => {
    expect(unstable_doesMiddlewareMatch({ config: proxyConfig, url: "/api/jobs/bench-floor?region=cn-hangzhou" })).toBe(false);
  });
});

describe("the floor's answer", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-floor-"));
  const saved = { ...process.env };
  let h: Harness;
  let GET: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    h = await startHarness();
    Object.assign(process.env, simulatorConsoleEnv(h, dir));
    resetConfig();
    ({ GET } = (await import("@/app/api/jobs/bench-floor/route.bench")) as { GET: typeof GET });
  });
  afterAll(async () => {
    await h.close();
    process.env = saved;
    resetConfig();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is DTS's JSON for one signed DescribeDtsJobs with the page asked for", async () => {
    const before = (await h.calls("DescribeDtsJobs")).length;
    const response = await GET(new Request("http://127.0.0.1/api/jobs/bench-floor?region=cn-hangzhou&type=sync&pageSize=10&page=2"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    const calls = (await h.calls("DescribeDtsJobs")).slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ verdict: "ok", scheme: "V3", params: { Region: "cn-hangzhou", JobType: "SYNC", PageNumber: "2", PageSize: "10" } });
    // DTS's own field names, not the console's mapping (lib/tasks maps them to items/total).
    expect(body).toMatchObject({ RequestId: expect.any(String), PageNumber: 2, PageRecordCount: expect.any(Number), TotalRecordCount: expect.any(Number) });
    expect(Array.isArray(body.DtsJobList)).toBe(true);
    expect(body).not.toHaveProperty("items");
  });

  it("answers 404 outside simulator mode: it never signs with a live account's keys", async () => {
    process.env.DTS_MODE = "live";
    resetConfig();
    try {
      const response = await GET(new Request("http://127.0.0.1/api/jobs/bench-floor?region=cn-hangzhou"));
      expect(response.status).toBe(404);
    } finally {
      process.env.DTS_MODE = "simulator";
      resetConfig();
    }
  });
});
