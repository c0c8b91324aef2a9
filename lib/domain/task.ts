// The console's normalised view of a DTS task, as the JSON API returns it. Safe for the browser.
import type { JobType } from "./status";

export const DIRECTIONS = ["Forward", "Reverse"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface TaskEndpoint {
  engine: string | null;
  instanceId: string | null;
  instanceType: string | null;
  region: string | null;
  host: string | null;
  port: string | null;
  database: string | null;
  userName: string | null;
}

/** The reverse half of a two-way synchronization instance (DescribeDtsJobs `ReverseJob`). */
export interface ReverseTask {
  jobId: string;
  instanceId: string | null;
  name: string | null;
  status: string;
  statusKnown: boolean;
  delaySeconds: number | null;
  errorMessage: string | null;
  source: TaskEndpoint | null;
  destination: TaskEndpoint | null;
}

export interface DtsTask {
  /** The Alibaba Cloud account the console read the task in (its id). */
  account?: string;
  jobId: string;
  instanceId: string;
  name: string;
  type: JobType;
  /** Canonical enum spelling when known; DTS's own string otherwise. */
  status: string;
  statusKnown: boolean;
  region: string;
  /** `Forward`/`Reverse` when DTS reports one (two-way topologies only). */
  direction: Direction | null;
  twoWay: boolean;
  reverse: ReverseTask | null;
  source: TaskEndpoint | null;
  destination: TaskEndpoint | null;
  createdAt: string | null;
  delaySeconds: number | null;
  errorMessage: string | null;
  payType: string | null;
  jobClass: string | null;
}

/** DescribeDtsJobDetail for one direction: what a reset destroys. */
export interface DtsTaskDetail {
  jobId: string;
  instanceId: string | null;
  name: string | null;
  type: string | null;
  status: string;
  statusKnown: boolean;
  direction: Direction;
  source: TaskEndpoint | null;
  destination: TaskEndpoint | null;
  createdAt: string | null;
  finishTime: string | null;
  delay: number | null;
  checkpoint: string | null;
  errorMessage: string | null;
  payType: string | null;
  jobClass: string | null;
  migrationMode: Record<string, boolean> | null;
  /** `DbObject` parsed from its JSON string when it parses, else the string. */
  dbObject: unknown;
  /** `Reserved` parsed from its JSON string when it parses, else the string. */
  reserved: unknown;
  requestId: string | null;
  /** The whole response body as DTS sent it. */
  raw: Record<string, unknown>;
}

/** A list item DTS returned in a shape the console cannot read: shown as such, never hidden. */
export interface UnreadableTask {
  /** Its position on the page DTS returned (0-based). */
  index: number;
  jobId: string | null;
  instanceId: string | null;
  name: string | null;
  /** Plain words for the operator: which field was missing or wrong. */
  problem: string;
  /** The technical part of `problem` (the field and what was wrong with it), for the interface to quote in any language. */
  detail: string;
}

/** How old a list is, and whether the console served it from its cache because DTS limits requests. */
export interface ReadFreshness {
  /** When DTS produced this answer (ISO 8601). */
  asOf: string;
  /** Older than the freshness window. */
  stale: boolean;
  /** DTS's request quota is spent (or DTS throttled the console): this is the last answer it gave. */
  limited: boolean;
}

export interface TaskPage {
  items: DtsTask[];
  unreadable: UnreadableTask[];
  page: number;
  pageSize: number;
  total: number;
  freshness: ReadFreshness;
}
