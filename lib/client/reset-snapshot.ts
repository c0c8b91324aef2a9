// Reads the pre-reset snapshot of a reset record (the DescribeDtsJobs item and the
// DescribeDtsJobDetail answer, stored exactly as DTS sent them) into what the record page shows.
// What ConfigureDtsJob would take from it is the server's mapping (lib/reconfigure/mapping.ts),
// not read here.
// DTS is loose about types and shapes, and a record outlives any change in them, so every
// reader here accepts what it does not recognise and says so rather than throwing.
import type { TaskEndpoint } from "@/lib/domain/task";
import type { ResetDetail } from "@/lib/domain/reset-record";

type Json = Record<string, unknown>;

export function asRecord(value: unknown): Json | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
}

/** A non-empty string, or a finite number as text; anything else is "not reported". */
export function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

function bool(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  return null;
}

/** A JSON document inside a string (DbObject, Reserved): the text as sent, and its parse if any. */
export interface EmbeddedJson {
  raw: string | null;
  /** The parsed document; `undefined` when there is no text or it is not JSON. */
  parsed: unknown;
}

export function embeddedJson(value: unknown): EmbeddedJson {
  if (value === null || value === undefined) return { raw: null, parsed: undefined };
  // Some SDKs and proxies hand these over already parsed: keep them, and write the text back.
  if (typeof value !== "string") return { raw: JSON.stringify(value), parsed: value };
  if (value.trim() === "") return { raw: null, parsed: undefined };
  try {
    return { raw: value, parsed: JSON.parse(value) as unknown };
  } catch {
    return { raw: value, parsed: undefined };
  }
}

function endpoint(value: unknown): TaskEndpoint | null {
  const e = asRecord(value);
  if (!e) return null;
  const result: TaskEndpoint = {
    engine: text(e.EngineName),
    instanceType: text(e.InstanceType),
    instanceId: text(e.InstanceID ?? e.InstanceId),
    region: text(e.Region),
    host: text(e.Ip ?? e.IP),
    port: text(e.Port),
    database: text(e.DatabaseName ?? e.DataBaseName),
    userName: text(e.UserName),
  };
  return Object.values(result).some((v) => v !== null) ? result : null;
}

function migrationModes(value: unknown): Record<string, boolean> | null {
  const modes = asRecord(value);
  if (!modes) return null;
  const entries = Object.entries(modes)
    .map(([mode, on]) => [mode, bool(on)] as const)
    .filter((entry): entry is readonly [string, boolean] => entry[1] !== null);
  return entries.length ? Object.fromEntries(entries) : null;
}

export interface SnapshotView {
  status: string | null;
  source: TaskEndpoint | null;
  destination: TaskEndpoint | null;
  dbObject: EmbeddedJson;
  migrationMode: Record<string, boolean> | null;
  reserved: EmbeddedJson;
  /** False when neither part of the snapshot holds anything (a record from a failed read). */
  present: boolean;
}

/**
 * The task as it was before the reset. DescribeDtsJobDetail of the direction reset comes first;
 * the DescribeDtsJobs item (its `ReverseJob` for a Reverse reset) fills what the detail lacks.
 */
export function readSnapshot(reset: Pick<ResetDetail, "snapshot" | "direction">): SnapshotView {
  const detail = asRecord(reset.snapshot?.detail) ?? {};
  const job = asRecord(reset.snapshot?.job) ?? {};
  const listed = reset.direction === "Reverse" ? (asRecord(job.ReverseJob) ?? {}) : job;
  const pick = (field: string): unknown => detail[field] ?? listed[field];
  return {
    status: text(pick("Status")),
    source: endpoint(pick("SourceEndpoint")),
    destination: endpoint(pick("DestinationEndpoint")),
    dbObject: embeddedJson(pick("DbObject")),
    migrationMode: migrationModes(pick("MigrationMode")),
    reserved: embeddedJson(pick("Reserved")),
    present: Object.keys(detail).length > 0 || Object.keys(job).length > 0,
  };
}
