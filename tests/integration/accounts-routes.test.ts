// Several Alibaba Cloud accounts over the JSON API (issue 21): the real route handlers, the real
// simulator over HTTP playing two accounts (main, the console's own key; prod, reached only by STS
// AssumeRole on a role with an ExternalId) and a role that does not exist, with DTS's documented
// read limits on. The simulator's call log is the witness of what was sent, with which key.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FLEET, demoFleetOptions } from "@/simulator/fleet";
import { SIM_KEY, startHarness, type CallEntry, type Harness } from "./dts-harness";
import { simulatorConsoleEnv } from "./route-suite";
import { callRoute, signInCookie, type RouteHandler } from "./reset-route-client";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accounts-routes-"));
const saved = { ...process.env };
const main = DEMO_FLEET.main.fixtures;
const prod = DEMO_FLEET.prod.fixtures;

let h: Harness;
let routes: Record<"signIn" | "accounts" | "jobs" | "job" | "reset" | "resets" | "overview", RouteHandler>;
let operator: string;

async function json(response: Response) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- many shapes of answer; each assertion says what it expects
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}
const get = async (handler: RouteHandler, url: string, routeParams: Record<string, string> = {}) => json(await callRoute(handler, url, { cookie: operator }, routeParams));
const since = async (before: number, action?: string): Promise<CallEntry[]> => (await h.calls(action)).filter((c) => c.seq > before);
const lastSeq = async () => (await h.calls()).at(-1)?.seq ?? 0;

beforeAll(async () => {
  h = await startHarness(demoFleetOptions());
  Object.assign(process.env, simulatorConsoleEnv(h, dir, {
      // Reads are not reused across tests: each test counts its own calls.
      DTS_READ_FRESHNESS_MS: "0",
      DTS_ACCOUNTS: JSON.stringify([
        { id: "main", name: "Operations" },
        { id: "prod", name: "Production", roleArn: DEMO_FLEET.prod.roleArn, externalId: DEMO_FLEET.prod.externalId },
        { id: "ghost", name: "Gone", roleArn: DEMO_FLEET.missingRoleArn },
      ]),
  }));
  const load = async (p: string) => (await import(p)) as Record<string, RouteHandler>;
  routes = {
    signIn: (await load("@/app/api/auth/sign-in/route")).POST!,
    accounts: (await load("@/app/api/accounts/route")).GET!,
    jobs: (await load("@/app/api/jobs/route")).GET!,
    job: (await load("@/app/api/jobs/[jobId]/route")).GET!,
    reset: (await load("@/app/api/jobs/[jobId]/reset/route")).POST!,
    resets: (await load("@/app/api/resets/route")).GET!,
    overview: (await load("@/app/api/overview/route")).GET!,
  };
  operator = await signInCookie(routes.signIn, "demo");
});
// No simulator reset between tests: a reset forgets the STS keys the console holds (a real STS key
// does not vanish before it expires), and the tests below change nothing the others count.
afterAll(async () => {
  await h.close();
  process.env = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("several accounts", () => {
  // First: the console has not assumed any role yet.
  it("assumes prod's role once for many simultaneous requests, and signs every prod call with its temporary key and token", async () => {
    const before = await lastSeq();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => get(routes.jobs, `/api/jobs?account=prod&region=${prod.oneWayRunning.region}&type=sync&page=${(i % 3) + 1}&pageSize=10`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    const assumed = await since(before, "AssumeRole");
    expect(assumed).toHaveLength(1);
    expect(assumed[0]).toMatchObject({ verdict: "ok", accessKeyId: SIM_KEY.accessKeyId, params: expect.objectContaining({ RoleArn: DEMO_FLEET.prod.roleArn, ExternalId: DEMO_FLEET.prod.externalId, RoleSessionName: "dts-console" }) });
    const reads = await since(before, "DescribeDtsJobs");
    expect(reads.length).toBeGreaterThanOrEqual(3);
    for (const read of reads) expect(read).toMatchObject({ account: "prod", securityToken: true, verdict: "ok", accessKeyId: expect.stringMatching(/^STS\./) });
    // The temporary keys never reach an answer.
    const issued = (await (await h.control("sts/credentials")).json()) as { credentials: { accessKeyId: string }[] };
    for (const answer of answers) expect(JSON.stringify(answer.body)).not.toContain(issued.credentials[0]!.accessKeyId);
  });

  it("lists the accounts to anyone signed in, never a key", async () => {
    const { status, body } = await get(routes.accounts, "/api/accounts");
    expect(status).toBe(200);
    expect(body).toEqual({
      items: [
        { id: "main", name: "Operations", kind: "default" },
        { id: "prod", name: "Production", kind: "role", roleArn: DEMO_FLEET.prod.roleArn },
        { id: "ghost", name: "Gone", kind: "role", roleArn: DEMO_FLEET.missingRoleArn },
      ],
      defaultAccount: "main",
    });
    expect(JSON.stringify(body)).not.toContain(DEMO_FLEET.prod.externalId);
  });

  it("shows each account only its own tasks; no account named is the first", async () => {
    const region = main.oneWayRunning.region;
    const ids = async (query: string) => ((await get(routes.jobs, `/api/jobs?region=${region}&type=sync&pageSize=30${query}`)).body.items as { jobId: string }[]).map((t) => t.jobId);
    const mainIds = await ids("&account=main");
    const prodIds = await ids("&account=prod");
    expect(await ids("")).toEqual(mainIds);
    expect(mainIds).toContain(main.oneWayRunning.jobId);
    expect(prodIds).toContain(prod.oneWayRunning.jobId);
    expect(prodIds.filter((id) => mainIds.includes(id))).toEqual([]);
    // A task of prod named under main is not found there.
    const wrong = await get(routes.job, `/api/jobs/${prod.oneWayRunning.jobId}?account=main&region=${region}`, { jobId: prod.oneWayRunning.jobId });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe("task_not_found");
  });

  it("answers an account it does not hold with 404 account_not_found, sending nothing to DTS or STS", async () => {
    const before = await lastSeq();
    const answer = await get(routes.jobs, "/api/jobs?account=nope&region=cn-hangzhou&type=sync");
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: "account_not_found", account: "nope" });
    const overview = await get(routes.overview, "/api/overview?account=main,nope");
    expect(overview.status).toBe(404);
    expect(await since(before)).toEqual([]);
  });

  it("gives a role STS refuses 502 sts_assume_role_failed with STS's code and RequestId, and the other accounts go on", async () => {
    const before = await lastSeq();
    const refused = await get(routes.jobs, "/api/jobs?account=ghost&region=cn-hangzhou&type=sync");
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: "sts_assume_role_failed", account: "ghost", stsCode: "EntityNotExist.Role", requestId: expect.any(String) });
    expect(refused.body.error.message).toContain("EntityNotExist.Role");
    // Nothing reached DTS for ghost: only its AssumeRole was sent.
    expect((await since(before)).map((c) => c.action)).toEqual(["AssumeRole"]);
    expect((await get(routes.jobs, "/api/jobs?account=main&region=cn-hangzhou&type=sync")).status).toBe(200);
    expect((await get(routes.jobs, "/api/jobs?account=prod&region=cn-hangzhou&type=sync")).status).toBe(200);
  });

  it("holds each account's own read limit under 50 concurrent readers over two accounts", async () => {
    const before = await lastSeq();
    const region = main.oneWayRunning.region;
    // Distinct pages, so that no two readers share one DTS call: 25 calls per account and region.
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => get(routes.jobs, `/api/jobs?account=${i % 2 ? "prod" : "main"}&region=${region}&type=sync&pageSize=10&page=${Math.floor(i / 2) + 1}`)),
    );
    const statuses = answers.map((a) => a.status);
    // Every reader is answered: at once, or after waiting its turn, or (503 dts_throttled) told
    // when to come back; never by DTS's own throttle.
    for (const answer of answers) if (answer.status !== 200) expect(answer.body.error.code).toBe("dts_throttled");
    // Each account has a quota of its own: neither starves the other (a shared gate would let
    // the 20 of one second go to whichever account came first).
    for (const parity of [0, 1]) expect(statuses.filter((s, i) => s === 200 && i % 2 === parity).length).toBeGreaterThanOrEqual(15);
    const reads = await since(before, "DescribeDtsJobs");
    expect(reads.filter((c) => c.verdict !== "ok")).toEqual([]);
    const perSecond = new Map<string, number>();
    for (const c of reads) perSecond.set(`${c.account}|${c.at.slice(0, 19)}`, (perSecond.get(`${c.account}|${c.at.slice(0, 19)}`) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(20);
    expect(new Set(reads.map((c) => c.account))).toEqual(new Set(["main", "prod"]));
  });

  it("forgets keys DTS refuses as expired: that request fails, the next one assumes the role again", async () => {
    const url = `/api/jobs?account=prod&region=${prod.oneWayRunning.region}&type=sync`;
    expect((await get(routes.jobs, url)).status).toBe(200);
    const expired = await h.control("sts/expire", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ account: "prod" }) });
    expect(((await expired.json()) as { expired: number }).expired).toBeGreaterThanOrEqual(1);
    const before = await lastSeq();
    const refused = await get(routes.jobs, url);
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: "dts_error", dtsCode: "InvalidSecurityToken.Expired" });
    expect((await get(routes.jobs, url)).status).toBe(200);
    expect((await since(before, "AssumeRole")).filter((c) => c.verdict === "ok")).toHaveLength(1);
  });

  it("resets a task of the second account with its keys, and records the account", async () => {
    const task = prod.oneWayRunning;
    const before = await lastSeq();
    // Named under main, prod's task is not found and nothing is reset.
    const body = { region: task.region, instanceId: task.instanceId, direction: "Forward", confirmation: task.jobId, reason: "Source failover in prod" };
    const wrong = await json(await callRoute(routes.reset, `/api/jobs/${task.jobId}/reset`, { method: "POST", cookie: operator, body: { ...body, account: "main" } }, { jobId: task.jobId }));
    expect(wrong.status).toBe(404);
    expect(await since(before, "ResetDtsJob")).toEqual([]);

    const done = await json(await callRoute(routes.reset, `/api/jobs/${task.jobId}/reset`, { method: "POST", cookie: operator, body: { ...body, account: "prod" } }, { jobId: task.jobId }));
    expect(done.status).toBe(200);
    expect(done.body.reset).toMatchObject({ account: "prod", jobId: task.jobId, status: "succeeded" });
    const sent = await since(before, "ResetDtsJob");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ account: "prod", securityToken: true, verdict: "ok" });
    // The history filters by account.
    const inProd = await get(routes.resets, "/api/resets?account=prod");
    expect((inProd.body.items as { id: string }[]).map((r) => r.id)).toContain(done.body.reset.id);
    const inMain = await get(routes.resets, "/api/resets?account=main");
    expect((inMain.body.items as { id: string }[]).map((r) => r.id)).not.toContain(done.body.reset.id);
  });
});

describe("the overview", () => {
  type Overview = { asOf: string; accounts: { id: string; error?: { code: string }; regions: { region: string; total: number; byStatus: Record<string, number> }[] }[] };

  /** What the simulator holds for an account: forward tasks of the type, by region and status. */
  async function seedCounts(account: string) {
    const { jobs } = (await (await h.control(`jobs?account=${account}&jobType=SYNC`)).json()) as { jobs: { region: string; forward: { status: string } }[] };
    const byRegion: Record<string, Record<string, number>> = {};
    for (const job of jobs) {
      const region = (byRegion[job.region] ??= {});
      region[job.forward.status] = (region[job.forward.status] ?? 0) + 1;
    }
    return byRegion;
  }

  it("counts every region of every account as the simulator holds them, says which account it cannot read, and stays within each account's limit", async () => {
    const before = await lastSeq();
    const { status, body } = (await get(routes.overview, "/api/overview?type=sync")) as { status: number; body: Overview };
    expect(status).toBe(200);
    expect(body.accounts.map((a) => a.id)).toEqual(["main", "prod", "ghost"]);
    for (const id of ["main", "prod"]) {
      const account = body.accounts.find((a) => a.id === id)!;
      expect(account.error).toBeUndefined();
      const counted = Object.fromEntries(account.regions.map((r) => [r.region, r.byStatus]));
      expect(counted).toEqual(await seedCounts(id));
      for (const r of account.regions) expect(r.total).toBe(Object.values(r.byStatus).reduce((a, b) => a + b, 0));
    }
    const ghost = body.accounts.find((a) => a.id === "ghost")!;
    expect(ghost).toMatchObject({ error: { code: "sts_assume_role_failed" }, regions: [] });

    // 29 regions per readable account, at least one call each, and none throttled.
    const reads = await since(before, "DescribeDtsJobs");
    for (const id of ["main", "prod"]) expect(new Set(reads.filter((c) => c.account === id).map((c) => c.params.RegionId ?? c.params.Region)).size).toBe(29);
    expect(reads.filter((c) => c.verdict !== "ok")).toEqual([]);
    // The busiest second of any account and region stays within DTS's 20 calls.
    const perSecond = new Map<string, number>();
    for (const c of reads) {
      const key = `${c.account}|${c.params.RegionId ?? c.params.Region}|${c.at.slice(0, 19)}`;
      perSecond.set(key, (perSecond.get(key) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(20);
  });

  it("refuses a bad type with 400 and sends nothing", async () => {
    const before = await lastSeq();
    const answer = await get(routes.overview, "/api/overview?type=migration");
    expect(answer.status).toBe(400);
    expect(await since(before)).toEqual([]);
  });
});
