import "server-only";
// Every region of every account at a glance: how many tasks each holds, by status. The question
// after an incident is "where are the failed ones?", and before this an operator clicked through
// up to 29 regions per account to answer it.
//
// What it costs DTS (the quota is the account's, shared with every tool it has): one
// DescribeDtsJobs per account and region (PageSize 30, the largest the console uses), whose
// TotalRecordCount says how many tasks the region holds. Most regions hold none or fewer than 30,
// and that one page is all of them. A busier region costs its further pages, or, when that
// would be more calls, one Status-filtered call per status (PageSize 10, only TotalRecordCount
// read). So an overview of A accounts costs 29·A calls plus the busy regions' extra, each through
// its account's quota gate (paced per account and region, cached for the freshness window: a
// second overview inside it costs nothing, and says "As of" the oldest answer it used).
import type { AccountRegistry } from "@/lib/accounts/registry";
import { DomainError } from "@/lib/domain/errors";
import { DTS_REGIONS } from "@/lib/domain/regions";
import { canonicalStatus, statusesFor } from "@/lib/domain/status";
import type { TaskTypeParam } from "@/lib/domain/api-constants";
import { DtsError } from "@/lib/dts/errors";
import type { DtsClient, ListJobsInput } from "@/lib/dts/operations";
import type { AccountOverview, OverviewError, OverviewResponse, RegionOverview } from "@/lib/domain/overview";

const PAGE_SIZE = 30;

export type { AccountOverview, OverviewError, RegionOverview } from "@/lib/domain/overview";
/** The answer of GET /api/overview. */
export type FleetOverview = OverviewResponse;

function errorOf(error: unknown): OverviewError {
  if (error instanceof DtsError) return { code: error.details.code ?? error.kind, message: error.message };
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  throw error;
}

interface RegionRead {
  total: number;
  byStatus: Record<string, number>;
  asOf: string;
}

function count(byStatus: Record<string, number>, status: string, n = 1) {
  const name = canonicalStatus(status).status;
  byStatus[name] = (byStatus[name] ?? 0) + n;
}

/** One region of one account, in the fewest DescribeDtsJobs calls (see the header). */
async function readRegion(client: DtsClient, region: string, type: TaskTypeParam): Promise<RegionRead> {
  const jobType = type === "sync" ? "SYNC" : "SUBSCRIBE";
  const base: Omit<ListJobsInput, "page" | "pageSize"> = { region, type: jobType };
  let asOf = "";
  const list = async (input: ListJobsInput) => {
    const page = await client.listJobs(input);
    if (!asOf || page.asOf < asOf) asOf = page.asOf;
    return page;
  };

  const first = await list({ ...base, page: 1, pageSize: PAGE_SIZE });
  const byStatus: Record<string, number> = {};
  const tally = (items: typeof first.items) => {
    for (const { task } of items) if (task.direction !== "Reverse") count(byStatus, task.status);
  };
  const pages = Math.ceil(first.total / PAGE_SIZE);
  const statuses = statusesFor(jobType);
  if (pages <= 1 + statuses.length) {
    tally(first.items);
    for (let page = 2; page <= pages; page += 1) tally((await list({ ...base, page, pageSize: PAGE_SIZE })).items);
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0) + first.unreadable.length;
    if (first.unreadable.length) byStatus.Unreadable = first.unreadable.length;
    return { total, byStatus, asOf };
  }
  // Very busy: ask DTS for each status's count instead of reading every page.
  const counts = await Promise.all(statuses.map((status) => list({ ...base, status, page: 1, pageSize: 10 }).then((page) => [status, page.total] as const)));
  for (const [status, n] of counts) if (n > 0) count(byStatus, status, n);
  return { total: first.total, byStatus, asOf };
}

/** The overview of every configured account (or those named), every documented region. */
export async function fleetOverview(accounts: AccountRegistry, type: TaskTypeParam, only?: readonly string[]): Promise<FleetOverview> {
  const chosen = only?.length ? accounts.accounts.filter((a) => only.includes(a.id)) : accounts.accounts;
  let asOf = new Date().toISOString();
  const result = await Promise.all(
    chosen.map(async (account): Promise<AccountOverview> => {
      const client = accounts.client(account.id);
      const regions = await Promise.all(
        DTS_REGIONS.map(async ({ id: region }): Promise<RegionOverview> => {
          try {
            const read = await readRegion(client, region, type);
            if (read.asOf && read.asOf < asOf) asOf = read.asOf;
            return { region, total: read.total, byStatus: read.byStatus };
          } catch (error) {
            return { region, total: 0, byStatus: {}, error: errorOf(error) };
          }
        }),
      );
      const failed = regions.filter((r) => r.error);
      // One cause for every region (the account's role could not be assumed, its keys are refused):
      // say it once, for the account.
      if (failed.length === regions.length && new Set(failed.map((r) => r.error!.code)).size === 1) {
        return { id: account.id, name: account.name, error: failed[0]!.error, regions: [] };
      }
      return { id: account.id, name: account.name, regions: regions.filter((r) => r.total > 0 || r.error) };
    }),
  );
  return { asOf, type, accounts: result };
}
