// What ConfigureDtsJob needs to bring a reset task back, filled from the pre-reset snapshot.
// Parameter names are ConfigureDtsJob's (API 2020-01-01), spelling included: the destination's
// database parameter really is "DataBaseName". Passwords are never in the snapshot: DTS does not
// return them, so the guidance names them and leaves them to the operator.
import type { TaskEndpoint } from "@/lib/domain/task";
import type { SnapshotView } from "./reset-snapshot";
import type { ResetDetail } from "@/lib/domain/reset-record";

/**
 * What a row's note says, by kind: the page words it in the reader's language (the Reconfigure
 * words of the ResetDetail namespace), so this module holds no interface text.
 */
export type GuidanceNote =
  | { kind: "password" }
  | { kind: "modeMissing" }
  | { kind: "newJobId"; previous: string }
  | { kind: "sameJobId" }
  | { kind: "directionReset" }
  | { kind: "oneWay" }
  | { kind: "dbListAsReturned" }
  | { kind: "dbListMissing" }
  | { kind: "reserveAsReturned" };

export interface GuidanceRow {
  parameter: string;
  /** null: DTS did not report it (or it does not apply). */
  value: string | boolean | null;
  note?: GuidanceNote;
  /** A value the console cannot know: the operator must supply it. */
  mustSupply?: boolean;
}

const ENDPOINT_FIELDS: Array<[suffix: string, field: keyof TaskEndpoint]> = [
  ["InstanceType", "instanceType"],
  ["Region", "region"],
  ["InstanceID", "instanceId"],
  ["EngineName", "engine"],
  ["IP", "host"],
  ["Port", "port"],
  ["DatabaseName", "database"],
  ["UserName", "userName"],
];

function endpointRows(side: "Source" | "Destination", endpoint: TaskEndpoint | null): GuidanceRow[] {
  const rows: GuidanceRow[] = ENDPOINT_FIELDS.map(([suffix, field]) => ({
    parameter: `${side}Endpoint${side === "Destination" && suffix === "DatabaseName" ? "DataBaseName" : suffix}`,
    value: endpoint?.[field] ?? null,
  }));
  rows.push({ parameter: `${side}EndpointPassword`, value: null, note: { kind: "password" }, mustSupply: true });
  return rows;
}

function modeRow(parameter: string, modes: Record<string, boolean> | null): GuidanceRow {
  const value = modes?.[parameter];
  return value === undefined ? { parameter, value: null, note: { kind: "modeMissing" } } : { parameter, value };
}

export function configureGuidance(reset: ResetDetail, snapshot: SnapshotView): GuidanceRow[] {
  const newId = reset.jobIdAfter && reset.jobIdAfter !== reset.resetJobId ? reset.jobIdAfter : null;
  return [
    { parameter: "RegionId", value: reset.region },
    { parameter: "DtsInstanceId", value: reset.instanceId },
    {
      parameter: "DtsJobId",
      value: newId ?? reset.resetJobId,
      note: newId ? { kind: "newJobId", previous: reset.resetJobId } : { kind: "sameJobId" },
    },
    { parameter: "JobType", value: snapshot.jobType ?? reset.jobType },
    { parameter: "DtsJobName", value: snapshot.name ?? reset.taskName },
    snapshot.twoWay
      ? { parameter: "SynchronizationDirection", value: reset.direction, note: { kind: "directionReset" } }
      : { parameter: "SynchronizationDirection", value: null, note: { kind: "oneWay" } },
    ...endpointRows("Source", snapshot.source),
    ...endpointRows("Destination", snapshot.destination),
    modeRow("StructureInitialization", snapshot.migrationMode),
    modeRow("DataInitialization", snapshot.migrationMode),
    modeRow("DataSynchronization", snapshot.migrationMode),
    {
      parameter: "DbList",
      value: snapshot.dbObject.raw,
      note: snapshot.dbObject.raw ? { kind: "dbListAsReturned" } : { kind: "dbListMissing" },
    },
    {
      parameter: "Reserve",
      value: snapshot.reserved.raw,
      note: snapshot.reserved.raw ? { kind: "reserveAsReturned" } : undefined,
    },
  ];
}

/** The parameters as a request would carry them; unknown values and passwords are left out. */
export function configureParameters(rows: readonly GuidanceRow[]): Record<string, string | boolean> {
  return Object.fromEntries(
    rows.filter((row) => !row.mustSupply && row.value !== null).map((row) => [row.parameter, row.value as string | boolean]),
  );
}
