// The reset record's reconfiguration guidance: the ConfigureDtsJob parameters the server mapped
// from the pre-reset snapshot (GET /api/resets/{id}/reconfigure, lib/reconfigure/mapping.ts: the
// one mapping, the one the console itself sends), laid out as the DTS console orders them, with
// the two passwords DTS never returns named for the operator to supply. Nothing here reads the
// snapshot: what the parameters are is the server's to say.
import { CONFIGURE_FIELDS, RESERVE_PREFIX, type ConfigureParameters } from "@/lib/domain/reconfigure";
import type { ResetResult } from "@/lib/domain/reset-record";

/**
 * What a row's note says, by kind: the page words it in the reader's language (the ResetDetail
 * namespace), so this module holds no interface text. What the mapping itself changed or left
 * out comes with the parameters, as the server's remarks.
 */
export type GuidanceNote = { kind: "password" } | { kind: "newJobId"; previous: string } | { kind: "sameJobId" } | { kind: "directionReset" };

export interface GuidanceRow {
  parameter: string;
  /** null: not known from the snapshot (the server mapped it to an empty value, or it is a password). */
  value: string | null;
  note?: GuidanceNote;
  /** A value the console cannot know: the operator must supply it. */
  mustSupply?: boolean;
}

const PASSWORDS = ["SourceEndpointPassword", "DestinationEndpointPassword"] as const;

/** The task's identity first, then the fields in the DTS console's order, each endpoint's password after its account. */
const ORDER: readonly string[] = [
  "RegionId",
  "DtsInstanceId",
  "DtsJobId",
  "JobType",
  "SynchronizationDirection",
  ...CONFIGURE_FIELDS.flatMap((field) => (field.name.endsWith("EndpointUserName") ? [field.name, field.name.replace(/UserName$/, "Password")] : [field.name])),
];

function noteOf(parameter: string, value: string, reset: Pick<ResetResult, "resetJobId">): GuidanceNote | undefined {
  if (parameter === "DtsJobId") return value === reset.resetJobId ? { kind: "sameJobId" } : { kind: "newJobId", previous: reset.resetJobId };
  if (parameter === "SynchronizationDirection") return { kind: "directionReset" };
  return undefined;
}

/**
 * The rows of the guidance table: every parameter the server mapped, in order (other Reserve keys
 * the snapshot had come last, by name), and the two passwords. `JobType` is the record's own: the
 * server maps for ConfigureDtsJob of a synchronization task, and a change tracking or migration
 * task is configured as what it is.
 */
export function guidanceRows(parameters: ConfigureParameters, reset: Pick<ResetResult, "jobType" | "resetJobId">): GuidanceRow[] {
  const values: ConfigureParameters = { ...parameters, JobType: reset.jobType };
  const extra = Object.keys(values)
    .filter((name) => !ORDER.includes(name))
    .sort();
  return [...ORDER, ...extra].flatMap((parameter): GuidanceRow[] => {
    if ((PASSWORDS as readonly string[]).includes(parameter)) return [{ parameter, value: null, note: { kind: "password" }, mustSupply: true }];
    const value = values[parameter];
    if (value === undefined) return [];
    return [{ parameter, value: value === "" ? null : value, note: noteOf(parameter, value, reset) }];
  });
}

/**
 * The rows as ConfigureDtsJob takes them, for copying: the passwords and unknown values left out,
 * and the `Reserve.<key>` rows gathered into the one `Reserve` JSON string (as the server does
 * when it calls DTS).
 */
export function callParameters(rows: readonly GuidanceRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  const reserve: Record<string, string> = {};
  for (const row of rows) {
    if (row.mustSupply || row.value === null) continue;
    if (!row.parameter.startsWith(RESERVE_PREFIX)) out[row.parameter] = row.value;
    else {
      // Where the first Reserve key stands; filled in below.
      out.Reserve ??= "";
      reserve[row.parameter.slice(RESERVE_PREFIX.length)] = row.value;
    }
  }
  if (out.Reserve !== undefined) out.Reserve = JSON.stringify(reserve);
  return out;
}
