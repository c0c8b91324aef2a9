// The browser-side readers of the reset history: snapshot, DbList, reconfiguration guidance,
// URL state and auto-refresh. Pure functions, so tested without a browser.
import { describe, expect, it } from "vitest";
import { configureGuidance, configureParameters } from "@/lib/client/configure-guidance";
import { summarizeDbList } from "@/lib/client/db-list";
import { refreshIntervalFor, UNRESOLVED_REFRESH_MS, VERIFYING_REFRESH_MS } from "@/lib/client/reset-queries";
import { readSnapshot } from "@/lib/client/reset-snapshot";
import type { ResetDetail } from "@/lib/domain/reset-record";
import { resetsHref } from "@/lib/client/hrefs";
import { parseResetsSearchParams } from "@/app/resets/search-params";

const endpoint = { EngineName: "MySQL", InstanceType: "RDS", InstanceID: "rm-1", Region: "cn-hangzhou", Port: "3306", DatabaseName: "orders", UserName: "dts" };

function record(overrides: Partial<ResetDetail> = {}): ResetDetail {
  return {
    id: "11111111-1111-4111-8111-111111111111", jobId: "job1", resetJobId: "job1", instanceId: "dtsjob1", region: "cn-hangzhou",
    jobType: "SYNC", taskName: "orders", direction: "Forward", reason: "r", actor: "demo", actorRole: "operator",
    status: "succeeded", requestedAt: "2026-01-01T00:00:00.000Z", finishedAt: "2026-01-01T00:00:01.000Z", requestId: "R",
    httpStatus: 200, error: null, resolvedBy: "response", reconciledAt: null, reconciliationNote: null, verifiedAt: null,
    jobIdAfter: null, actorAddress: null, actorUserAgent: null, idempotencyKey: null,
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
    expect(view.twoWay).toBe(false);
  });

  it("keeps DbObject that is not JSON as text, and fills a Reverse reset from ReverseJob", () => {
    const view = readSnapshot(
      record({
        direction: "Reverse",
        snapshot: { job: { DtsJobId: "job1", ReverseJob: { DtsJobId: "rev1", SourceEndpoint: endpoint, DbObject: "{broken" } }, detail: {} },
      }),
    );
    expect(view).toMatchObject({ jobId: "rev1", twoWay: true, dbObject: { raw: "{broken", parsed: undefined } });
    expect(view.source?.instanceId).toBe("rm-1");
  });

  it("copes with an empty snapshot", () => {
    const view = readSnapshot(record({ snapshot: { job: {}, detail: {} } }));
    expect(view).toMatchObject({ present: false, source: null, destination: null, dbObject: { raw: null } });
  });
});

describe("configureGuidance", () => {
  it("fills ConfigureDtsJob's parameters and leaves the passwords to the operator", () => {
    const rows = configureGuidance(record({ jobIdAfter: "job2" }), readSnapshot(record()));
    const byName = Object.fromEntries(rows.map((row) => [row.parameter, row]));
    expect(byName.DtsJobId?.value).toBe("job2");
    expect(byName.DestinationEndpointDataBaseName?.value).toBe("orders");
    expect(byName.SourceEndpointPassword).toMatchObject({ value: null, mustSupply: true });
    expect(byName.DataInitialization?.value).toBe(false);
    const params = configureParameters(rows);
    expect(params).toMatchObject({ DbList: '{"orders":{"name":"orders","all":true}}', Reserve: '{"srcNetType":"VPC"}', DestinationEndpointIP: "10.0.0.1" });
    expect(Object.keys(params).filter((key) => key.includes("Password") || key === "SynchronizationDirection")).toEqual([]);
  });
});

describe("the /resets URL", () => {
  it("round-trips the filters and drops what is malformed", () => {
    const state = parseResetsSearchParams(new URLSearchParams("outcome=failed&task=%20abc%20&from=2026-02-30&to=2026-03-01&page=2&pageSize=50"));
    expect(state).toEqual({ outcome: "failed", task: "abc", actor: "", from: "", to: "2026-03-01", page: 2, pageSize: 50 });
    expect(resetsHref(state)).toBe("/resets?outcome=failed&task=abc&to=2026-03-01&page=2&pageSize=50");
    expect(parseResetsSearchParams(new URLSearchParams("outcome=bogus&pageSize=7"))).toMatchObject({ outcome: null, pageSize: 25 });
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
