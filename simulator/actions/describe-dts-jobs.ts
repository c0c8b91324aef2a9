// DescribeDtsJobs (dts-api.md section 2): list one region's tasks of one job type, with filters,
// search, ordering and paging.

import type { PageSizeSet } from "../config";
import { invalidParameter, missingParameter } from "../errors";
import { listItemView } from "../job-view";
import { JOB_TYPES, type Direction, type InstanceRecord, type JobRecord, type JobType } from "../model";
import { listParam, optionalParam } from "./params";
import { fail, succeed, type ActionHandler } from "./types";

/**
 * The current SDK documents 10/20/30 (default 20); older pages 30/50/100 (default 30)
 * (https://www.alibabacloud.com/help/en/dts/developer-reference/api-describedtsjobs). The
 * `pageSizes` option picks which set is enforced; "any" accepts both.
 */
const PAGE_SIZES: Record<PageSizeSet, { sizes: ReadonlySet<number>; default: number }> = {
  sdk: { sizes: new Set([10, 20, 30]), default: 20 },
  legacy: { sizes: new Set([30, 50, 100]), default: 30 },
  any: { sizes: new Set([10, 20, 30, 50, 100]), default: 20 },
};

/** One item of the list: an instance's forward job, or (listReverseJobs) its reverse job. */
interface Entry {
  instance: InstanceRecord;
  job: JobRecord;
  direction: Direction;
}
const ORDER_COLUMNS = new Set(["CreateTime", "FinishTime", "duLimit"]);
const SEARCH_TYPES = new Set(["instance", "name", "srcRds", "rds"]);

function parsePositiveInt(value: string): number | undefined {
  if (!/^\d{1,10}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= 2_147_483_647 ? n : undefined;
}

type Predicate = (instance: InstanceRecord) => boolean;

function searchPredicate(type: string, value: string): Predicate {
  switch (type) {
    case "instance":
      return (i) => i.instanceId === value;
    case "name": {
      // "fuzzy": a case-insensitive substring of the task name.
      const needle = value.toLowerCase();
      return (i) => i.name.toLowerCase().includes(needle);
    }
    case "srcRds":
      return (i) => i.forward.sourceEndpoint.InstanceID === value;
    default:
      return (i) => i.forward.destinationEndpoint.InstanceID === value;
  }
}

/** Code-unit order: ISO timestamps and IDs sort correctly, and it is much faster than localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareOptional(a: string | undefined, b: string | undefined, descending: boolean): number {
  // Tasks without the value (e.g. no FinishTime yet) go last in either direction.
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return descending ? compareText(b, a) : compareText(a, b);
}

export const describeDtsJobs: ActionHandler = ({ params, state, config }) => {
  // `Region` is required per the docs; the deprecated `RegionId` is accepted in its place.
  const region = optionalParam(params, "Region", "RegionId");
  if (!region) return fail(missingParameter("Region"));

  const jobTypeText = (optionalParam(params, "JobType") ?? "MIGRATION").toUpperCase();
  if (!(JOB_TYPES as readonly string[]).includes(jobTypeText)) return fail(invalidParameter("JobType"));
  const jobType = jobTypeText as JobType;

  const pageNumberText = optionalParam(params, "PageNumber");
  const pageNumber = pageNumberText === undefined ? 1 : parsePositiveInt(pageNumberText);
  if (pageNumber === undefined) return fail(invalidParameter("PageNumber"));

  const pageSizeText = optionalParam(params, "PageSize");
  const pageSizes = PAGE_SIZES[config.pageSizes];
  const pageSize = pageSizeText === undefined ? pageSizes.default : parsePositiveInt(pageSizeText);
  if (pageSize === undefined || !pageSizes.sizes.has(pageSize)) return fail(invalidParameter("PageSize"));

  const orderColumn = optionalParam(params, "OrderColumn");
  if (orderColumn !== undefined && !ORDER_COLUMNS.has(orderColumn)) return fail(invalidParameter("OrderColumn"));
  const orderDirection = (optionalParam(params, "OrderDirection") ?? "ASC").toUpperCase();
  if (orderDirection !== "ASC" && orderDirection !== "DESC") return fail(invalidParameter("OrderDirection"));

  const searchType = optionalParam(params, "Type");
  if (searchType !== undefined && !SEARCH_TYPES.has(searchType)) return fail(invalidParameter("Type"));
  const searchValue = optionalParam(params, "Params");

  const predicates: Predicate[] = [(i) => i.jobType === jobType];
  if (searchType && searchValue) predicates.push(searchPredicate(searchType, searchValue));
  const instanceIds = listParam(params, "DtsInstanceId");
  if (instanceIds) predicates.push((i) => instanceIds.has(i.instanceId));

  // Readers see a reset that still lags in its old state (resetLag); the read is counted below,
  // for the items actually returned.
  const observed = state.listInstances(region).map((i) => state.observe(i, false)).filter((i) => predicates.every((p) => p(i)));
  const entries: Entry[] = observed.flatMap((instance) => {
    const forward: Entry = { instance, job: instance.forward, direction: "Forward" };
    return config.listReverseJobs && instance.reverse ? [forward, { instance, job: instance.reverse, direction: "Reverse" as const }] : [forward];
  });

  const entryPredicates: Array<(e: Entry) => boolean> = [];
  const status = optionalParam(params, "Status")?.toLowerCase();
  // Status filters the item's own job, the one whose Status the item shows.
  if (status) entryPredicates.push((e) => e.job.status.toLowerCase() === status);
  const jobIds = listParam(params, "DtsJobId");
  if (jobIds) {
    // Where reverse jobs are not items of their own, a reverse job's ID finds its instance's item.
    entryPredicates.push((e) =>
      jobIds.has(e.job.jobId) || (!config.listReverseJobs && e.instance.reverse !== undefined && jobIds.has(e.instance.reverse.jobId)),
    );
  }
  const matching = entries.filter((e) => entryPredicates.every((p) => p(e)));

  // With no OrderColumn, DTS's order is undocumented; we list newest CreateTime first, which is what
  // the console shows. OrderColumn alone sorts ASC, the documented default direction.
  const descending = orderColumn === undefined || orderDirection === "DESC";
  const key = (e: Entry): string | undefined =>
    orderColumn === "FinishTime" ? e.job.finishTime : orderColumn === "duLimit" ? undefined : e.instance.createTime;
  matching.sort(
    (a, b) =>
      compareOptional(key(a), key(b), descending) ||
      compareText(a.instance.instanceId, b.instance.instanceId) ||
      compareText(a.direction, b.direction),
  );

  const withoutDbList = optionalParam(params, "WithoutDbList")?.toLowerCase() === "true";
  const page = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  for (const instanceId of new Set(page.map((e) => e.instance.instanceId))) {
    const real = state.findInstance(instanceId);
    if (real) state.observe(real, true);
  }
  const stringScalars = page.some((e) => e.instance.shape?.stringScalars);
  const list = page.map((e) => listItemView(e.instance, { withoutDbList, direction: e.direction }));
  if (stringScalars) {
    // DTS's loose typing, as Terraform's provider guards against: `Success: "true"`, counts as strings.
    return succeed({
      Success: "true",
      PageNumber: String(pageNumber),
      PageRecordCount: String(page.length),
      TotalRecordCount: String(matching.length),
      DtsJobList: list,
    });
  }
  return succeed({
    PageNumber: pageNumber,
    PageRecordCount: page.length,
    TotalRecordCount: matching.length,
    DtsJobList: list,
  });
};
