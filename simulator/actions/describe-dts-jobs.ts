// DescribeDtsJobs (dts-api.md section 2): list one region's tasks of one job type, with filters,
// search, ordering and paging.

import { invalidParameter, missingParameter } from "../errors";
import { listItemView } from "../job-view";
import { JOB_TYPES, type InstanceRecord, type JobType } from "../model";
import { listParam, optionalParam } from "./params";
import { fail, succeed, type ActionHandler } from "./types";

/** The current SDK documents 10/20/30; older pages 30/50/100. Both sets are accepted. */
const PAGE_SIZES = new Set([10, 20, 30, 50, 100]);
const DEFAULT_PAGE_SIZE = 20;
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

export const describeDtsJobs: ActionHandler = ({ params, state }) => {
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
  const pageSize = pageSizeText === undefined ? DEFAULT_PAGE_SIZE : parsePositiveInt(pageSizeText);
  if (pageSize === undefined || !PAGE_SIZES.has(pageSize)) return fail(invalidParameter("PageSize"));

  const orderColumn = optionalParam(params, "OrderColumn");
  if (orderColumn !== undefined && !ORDER_COLUMNS.has(orderColumn)) return fail(invalidParameter("OrderColumn"));
  const orderDirection = (optionalParam(params, "OrderDirection") ?? "ASC").toUpperCase();
  if (orderDirection !== "ASC" && orderDirection !== "DESC") return fail(invalidParameter("OrderDirection"));

  const searchType = optionalParam(params, "Type");
  if (searchType !== undefined && !SEARCH_TYPES.has(searchType)) return fail(invalidParameter("Type"));
  const searchValue = optionalParam(params, "Params");

  const predicates: Predicate[] = [(i) => i.jobType === jobType];
  const status = optionalParam(params, "Status")?.toLowerCase();
  // Status filters the item's own (forward) job, the one whose Status the item shows.
  if (status) predicates.push((i) => i.forward.status.toLowerCase() === status);
  if (searchType && searchValue) predicates.push(searchPredicate(searchType, searchValue));
  const jobIds = listParam(params, "DtsJobId");
  // A reverse job's ID finds its instance too (reverse jobs are never items of their own).
  if (jobIds) predicates.push((i) => jobIds.has(i.forward.jobId) || (i.reverse !== undefined && jobIds.has(i.reverse.jobId)));
  const instanceIds = listParam(params, "DtsInstanceId");
  if (instanceIds) predicates.push((i) => instanceIds.has(i.instanceId));

  const matching = state.listInstances(region).filter((i) => predicates.every((p) => p(i)));

  // With no OrderColumn, DTS's order is undocumented; we list newest CreateTime first, which is what
  // the console shows. OrderColumn alone sorts ASC, the documented default direction.
  const descending = orderColumn === undefined || orderDirection === "DESC";
  const key = (i: InstanceRecord): string | undefined =>
    orderColumn === "FinishTime" ? i.forward.finishTime : orderColumn === "duLimit" ? undefined : i.createTime;
  matching.sort((a, b) => compareOptional(key(a), key(b), descending) || compareText(a.instanceId, b.instanceId));

  const withoutDbList = optionalParam(params, "WithoutDbList")?.toLowerCase() === "true";
  const page = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return succeed({
    PageNumber: pageNumber,
    PageRecordCount: page.length,
    TotalRecordCount: matching.length,
    DtsJobList: page.map((i) => listItemView(i, { withoutDbList })),
  });
};
