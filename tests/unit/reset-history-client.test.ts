// The browser-side readers of the reset history: snapshot, DbList, the guidance's layout of the
// server's ConfigureDtsJob parameters, URL state and auto-refresh. Pure functions, so tested
// without a browser.
import { describe, expect, it } from "vitest";
import { callParameters, guidanceRows } from "@/lib/client/configure-guidance";
import { summarizeDbList } from "@/lib/client/db-list";
import { refreshIntervalFor, UNRESOLVED_REFRESH_MS, VERIFYING_REFRESH_MS } from "@/lib/client/reset-queries";
import { readSnapshot } from "@/lib/client/reset-snapshot";
import type { ResetDetail } from "@/lib/domain/reset-record";
import { resetsHref } from "@/lib/client/hrefs";
import { parseResetsSearchParams } from "@/app/resets/search-params";

const endpoint = { EngineName: "MySQL", InstanceType: "RDS", InstanceID: "rm-1", Region: "cn-hangzhou", Port: "3306", DatabaseName: "orders", UserName: "dts" };

function record(overrides: Partial<ResetDetail> = {}): ResetDetail {
  return {
    id: "11111111-1111-4111-8111-111111111111", account: "default", jobId: "job1", resetJobId: "job1", instanceId: "dtsjob1", region: "cn-hangzhou",
    jobType: "SYNC", taskName: "orders", direction: "Forward", reason: "r", actor: "demo", actorRole: "operator",
    status: "succeeded", requestedAt: "2026-01-01T00:00:00.000Z", finishedAt: "2026-01-01T00:00:01.000Z", requestId: "R",
    httpStatus: 200, error: null, resolvedBy: "response", reconciledAt: null, reconciliationNote: null, verifiedAt: null, bulkId: null,
    jobIdAfter: null, approval: null, actorAddress: null, actorUserAgent: null, idempotencyKey: null,
    snapshot: {
      job: { DtsJobId: "job1", DtsJobName: "orders", JobType: "SYNC" },
      detail: {
        DtsJobId: "job1", Status: "synchronizing", SourceEndpoint: endpoint, DestinationEndpoint: { ...endpoint, InstanceID: "rm-2", Ip: "10.0.0.1" },
        DbObject: '{"orders":{"name":"orders","all":true}}', Reserved: '{"srcNetType":"VPC"}',
        MigrationMode: { StructureInitialization: true, DataInitialization: "false", DataSynchronization: true },
      },
    },
    ...overrides,
  };
}

describe("summarizeDbList", () => {
  it("reads whole databases, tables and renames", () => {
    expect(summarizeDbList({ a: { name: "a", all: true } })).toEqual([{ source: "a", renamedTo: null, whole: true, tables: [] }]);
    expect(summarizeDbList({ a: { name: "b", all: false, Table: { t: { name: "t", all: true }, u: { name: "v", Column: {} } } } })).toEqual([
      {
        source: "a", renamedTo: "b", whole: false,
        tables: [{ source: "t", renamedTo: null, allColumns: true }, { source: "u", renamedTo: "v", allColumns: false }],
      },
    ]);
  });

  it("returns null for shapes it does not know, rather than guessing", () => {
    for (const shape of [null, "text", ["a"], { a: "b" }, { a: { Table: ["t"] } }]) expect(summarizeDbList(shape)).toBeNull();
  });
});

describe("readSnapshot", () => {
  it("prefers the detail, parses the embedded JSON and reads string booleans", () => {
    const view = readSnapshot(record());
    expect(view.source).toMatchObject({ engine: "MySQL", instanceId: "rm-1", database: "orders" });
    expect(view.destination).toMatchObject({ instanceId: "rm-2", host: "10.0.0.1" });
    expect(view.dbObject).toEqual({ raw: '{"orders":{"name":"orders","all":true}}', parsed: { orders: { name: "orders", all: true } } });
    expect(view.migrationMode).toEqual({ StructureInitialization: true, DataInitialization: false, DataSynchronization: true });
    expect(view.status).toBe("synchronizing");
  });

  it("keeps DbObject that is not JSON as text, and fills a Reverse reset from ReverseJob", () => {
    const view = readSnapshot(
      record({
        direction: "Reverse",
        snapshot: { job: { DtsJobId: "job1", Status: "Synchronizing", ReverseJob: { DtsJobId: "rev1", Status: "Failed", SourceEndpoint: endpoint, DbObject: "{broken" } }, detail: {} },
      }),
    );
    expect(view).toMatchObject({ status: "Failed", dbObject: { raw: "{broken", parsed: undefined } });
    expect(view.source?.instanceId).toBe("rm-1");
  });

  it("copes with an empty snapshot", () => {
    const view = readSnapshot(record({ snapshot: { job: {}, detail: {} } }));
    expect(view).toMatchObject({ present: false, source: null, destination: null, dbObject: { raw: null } });
  });
});

describe("the reconfiguration guidance", () => {
  // As GET /api/resets/{id}/reconfigure answers: the server's mapping, Reserve keys one by one.
  const parameters = {
    DtsJobName: "orders", SourceEndpointInstanceType: "RDS", SourceEndpointEngineName: "MYSQL", SourceEndpointInstanceID: "rm-1",
    SourceEndpointUserName: "dts", DestinationEndpointInstanceType: "", DestinationEndpointDataBaseName: "orders",
    DataInitialization: "false", DbList: '{"orders":{"name":"orders","all":true}}', "Reserve.targetTableMode": "0", "Reserve.custom": "1",
    "Reserve.conflict": "", DtsJobId: "job2", DtsInstanceId: "dtsjob1", RegionId: "cn-hangzhou", JobType: "SYNC", SynchronizationDirection: "Reverse",
  };

  it("lays out the server's parameters in order, names the passwords and notes the task's identity", () => {
    const rows = guidanceRows(parameters, record());
    const names = rows.map((row) => row.parameter);
    expect(names.slice(0, 6)).toEqual(["RegionId", "DtsInstanceId", "DtsJobId", "JobType", "SynchronizationDirection", "DtsJobName"]);
    expect(names.indexOf("SourceEndpointPassword")).toBe(names.indexOf("SourceEndpointUserName") + 1);
    expect(names.slice(-1)).toEqual(["Reserve.custom"]);
    const byName = Object.fromEntries(rows.map((row) => [row.parameter, row]));
    expect(byName.SourceEndpointEngineName?.value).toBe("MYSQL");
    expect(byName.DtsJobId).toMatchObject({ value: "job2", note: { kind: "newJobId", previous: "job1" } });
    expect(byName.DestinationEndpointPassword).toMatchObject({ value: null, mustSupply: true });
    expect(byName.DestinationEndpointInstanceType?.value).toBeNull();
    expect(guidanceRows({ ...parameters, DtsJobId: "job1" }, record()).find((row) => row.parameter === "DtsJobId")?.note).toEqual({ kind: "sameJobId" });
    // A change tracking task is configured as one, whatever type the synchronization mapping names.
    expect(guidanceRows(parameters, record({ jobType: "SUBSCRIBE" })).find((row) => row.parameter === "JobType")?.value).toBe("SUBSCRIBE");
  });

  it("copies them as ConfigureDtsJob takes them: no passwords, no unknown values, one Reserve JSON", () => {
    const params = callParameters(guidanceRows(parameters, record()));
    expect(params).toMatchObject({ DtsJobId: "job2", SourceEndpointEngineName: "MYSQL", DbList: '{"orders":{"name":"orders","all":true}}' });
    expect(JSON.parse(params.Reserve ?? "")).toEqual({ targetTableMode: "0", custom: "1" });
    expect(Object.keys(params).filter((key) => key.includes("Password") || key.startsWith("Reserve.") || key === "DestinationEndpointInstanceType")).toEqual([]);
  });
});

describe("the /resets URL", () => {
  it("round-trips the filters and drops what is malformed", () => {
    const state = parseResetsSearchParams(new URLSearchParams("outcome=failed&task=%20abc%20&from=2026-02-30&to=2026-03-01&page=2&pageSize=50"));
    expect(state).toEqual({ outcome: "failed", task: "abc", actor: "", account: "", bulkId: "", from: "", to: "2026-03-01", page: 2, pageSize: 50 });
    expect(resetsHref(state)).toBe("/resets?outcome=failed&task=abc&to=2026-03-01&page=2&pageSize=50");
    expect(parseResetsSearchParams(new URLSearchParams("outcome=bogus&pageSize=7"))).toMatchObject({ outcome: null, pageSize: 25 });
    // An account filter travels as its id; anything else is no filter.
    expect(resetsHref(parseResetsSearchParams(new URLSearchParams("account=prod")))).toBe("/resets?account=prod");
    expect(parseResetsSearchParams(new URLSearchParams("account=Not%20An%20Id"))).toMatchObject({ account: "" });
  });
});

describe("refreshIntervalFor", () => {
  const now = Date.parse("2026-01-01T00:00:30.000Z");
  it("polls while an outcome is open, then while a fresh success awaits verification, then stops", () => {
    expect(refreshIntervalFor([record({ status: "unknown" }), record()], now)).toBe(UNRESOLVED_REFRESH_MS);
    expect(refreshIntervalFor([record()], now)).toBe(VERIFYING_REFRESH_MS);
    expect(refreshIntervalFor([record({ verifiedAt: "2026-01-01T00:00:20.000Z" })], now)).toBe(false);
    expect(refreshIntervalFor([record()], now + 10 * 60_000)).toBe(false);
    expect(refreshIntervalFor([], now)).toBe(false);
  });
});
