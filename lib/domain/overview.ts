// GET /api/overview's answer (issue 21): every region of every account, tasks by status. One
// home for the shape: the server builds it (lib/overview), the browser reads it (lib/client).
import type { TaskTypeParam } from "./api-constants";

export interface OverviewError {
  code: string;
  message: string;
}

export interface RegionOverview {
  region: string;
  total: number;
  /** Canonical DTS status names (lib/domain/status.ts), and "Unreadable" for items DTS sent in a shape the console cannot read. */
  byStatus: Record<string, number>;
  error?: OverviewError;
}

export interface AccountOverview {
  id: string;
  name: string;
  /** Every region failed for this one reason; `regions` is then empty. */
  error?: OverviewError;
  /** Regions with tasks or an error; a region with neither is left out. */
  regions: RegionOverview[];
}

export interface OverviewResponse {
  /** The oldest DTS answer the overview is made of (ISO 8601). */
  asOf: string;
  type: TaskTypeParam;
  accounts: AccountOverview[];
}
