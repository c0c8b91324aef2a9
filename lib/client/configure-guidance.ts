// What ConfigureDtsJob needs to bring a reset task back, filled from the pre-reset snapshot.
// Parameter names are ConfigureDtsJob's (API 2020-01-01), spelling included: the destination's
// database parameter really is "DataBaseName". Passwords are never in the snapshot: DTS does not
// return them, so the guidance names them and leaves them to the operator.
import type { TaskEndpoint } from "@/lib/domain/task";
import type { SnapshotView } from "./reset-snapshot";
import type { ResetDetail } from "@/lib/domain/reset-record";

export interface GuidanceRow {
  parameter: string;
  /** null: DTS did not report it (or it does not apply). */
  value: string | boolean | null;
  note?: string;
  /** A value the console cannot know: the operator must supply it. */
  mustSupply?: boolean;
}

export const PASSWORD_NOTE = "Not recorded: DTS never returns passwords — you must supply them.";

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
  rows.push({ parameter: `${side}EndpointPassword`, value: null, note: PASSWORD_NOTE, mustSupply: true });
  return rows;
}

function modeRow(parameter: string, modes: Record<string, boolean> | null): GuidanceRow {
  const value = modes?.[parameter];
  return value === undefined ? { parameter, value: null, note: "Not in the snapshot: choose it again." } : { parameter, value };
}

export function configureGuidance(reset: ResetDetail, snapshot: SnapshotView): GuidanceRow[] {
  const newId = reset.jobIdAfter && reset.jobIdAfter !== reset.resetJobId ? reset.jobIdAfter : null;
  return [
    { parameter: "RegionId", value: reset.region },
    { parameter: "DtsInstanceId", value: reset.instanceId },
    {
      parameter: "DtsJobId",
      value: newId ?? reset.resetJobId,
      note: newId
        ? `DTS gave the task a new ID after the reset (it was ${reset.resetJobId}).`
        : "The task that was reset. If DTS has given it a new ID since, use that one (see the task page).",
    },
    { parameter: "JobType", value: snapshot.jobType ?? reset.jobType },
    { parameter: "DtsJobName", value: snapshot.name ?? reset.taskName },
    snapshot.twoWay
      ? { parameter: "SynchronizationDirection", value: reset.direction, note: "The direction that was reset." }
      : { parameter: "SynchronizationDirection", value: null, note: "One-way task: leave it out (DTS assumes Forward)." },
    ...endpointRows("Source", snapshot.source),
    ...endpointRows("Destination", snapshot.destination),
    modeRow("StructureInitialization", snapshot.migrationMode),
    modeRow("DataInitialization", snapshot.migrationMode),
    modeRow("DataSynchronization", snapshot.migrationMode),
    {
      parameter: "DbList",
      value: snapshot.dbObject.raw,
      note: snapshot.dbObject.raw ? "DbObject as DTS returned it (a JSON string)." : "Not in the snapshot: select the objects again.",
    },
    {
      parameter: "Reserve",
      value: snapshot.reserved.raw,
      note: snapshot.reserved.raw ? "Reserved as DTS returned it (a JSON string)." : undefined,
    },
  ];
}

/** The parameters as a request would carry them; unknown values and passwords are left out. */
export function configureParameters(rows: readonly GuidanceRow[]): Record<string, string | boolean> {
  return Object.fromEntries(
    rows.filter((row) => !row.mustSupply && row.value !== null).map((row) => [row.parameter, row.value as string | boolean]),
  );
}
