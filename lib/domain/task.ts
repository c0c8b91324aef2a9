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

export interface TaskPage {
  items: DtsTask[];
  page: number;
  pageSize: number;
  total: number;
}
