import "server-only";
import type { ListJobsQuery } from "@/lib/domain/api";
import { jobTypeOf, typeParamOf, type TaskTypeParam } from "@/lib/domain/api-constants";
import type { Direction, DtsTask, DtsTaskDetail, TaskPage } from "@/lib/domain/task";
import type { DtsClient, PageSize, ReadOptions } from "@/lib/dts/operations";
import type { ParsedJobItem } from "@/lib/dts/parse";
import { NotFoundError } from "@/lib/domain/errors";
import { searchFromText } from "./search";

/**
 * A reverse task listed as an item of its own (`DtsJobDirection: "Reverse"`, no nested
 * ReverseJob). Whether DTS lists them so is not documented
 * (https://www.alibabacloud.com/help/en/dts/developer-reference/api-describedtsjobs documents the
 * reverse task nested in its forward item's `ReverseJob`). Such an item is the reverse half of a
 * two-way instance: it is shown, read and reset only through its forward task.
 */
export function isReverseItem(task: DtsTask): boolean {
  return task.direction === "Reverse";
}

/** The task as read in `account`: every task the API answers says which account it lives in. */
export function inAccount(task: DtsTask, account: string | undefined): DtsTask {
  return account ? { ...task, account } : task;
}

export async function listTasks(client: DtsClient, query: ListJobsQuery, account?: string): Promise<TaskPage> {
  const type = jobTypeOf(query.type);
  const base = { region: query.region, type, status: query.status, page: query.page, pageSize: query.pageSize as PageSize };
  const search = searchFromText(query.q);
  let result = await client.listJobs({ ...base, search });
  if (result.total === 0 && search && search.by !== "name") {
    result = await client.listJobs({ ...base, search: { by: "name", value: search.value } });
  }
  return {
    // Reverse items are left out: each is the reverse half of a forward task the list shows.
    items: result.items.map((i) => inAccount(i.task, account)).filter((task) => !isReverseItem(task)),
    unreadable: result.unreadable,
    page: query.page,
    pageSize: query.pageSize,
    total: result.total,
    freshness: { asOf: result.asOf, stale: result.stale, limited: result.limited },
  };
}

function typesToTry(type: TaskTypeParam | undefined) {
  return type ? [jobTypeOf(type)] : (["SYNC", "SUBSCRIBE"] as const);
}

async function findOne(
  client: DtsClient,
  region: string,
  type: TaskTypeParam | undefined,
  search: { by: "jobId" | "instanceId"; value: string },
  options: ReadOptions,
): Promise<ParsedJobItem | null> {
  for (const jobType of typesToTry(type)) {
    const page = await client.listJobs({ region, type: jobType, search, page: 1, pageSize: 10 }, options);
    const matches = page.items.filter((i) => (search.by === "jobId" ? i.task.jobId : i.task.instanceId) === search.value);
    // By instance, the instance's forward item (its reverse may be listed beside it).
    const match = matches.find((i) => !isReverseItem(i.task)) ?? matches[0];
    if (match) return match;
  }
  return null;
}

/** `options.fresh` for a reset's re-read: never an answer from the cache (lib/dts/quota.ts). */
export async function findTaskByJobId(client: DtsClient, region: string, jobId: string, type?: TaskTypeParam, options: ReadOptions = {}) {
  const found = await findOne(client, region, type, { by: "jobId", value: jobId }, options);
  if (!found) throw new NotFoundError("task_not_found", `No data synchronization or change tracking task ${jobId} in ${region}.`);
  return found;
}

export async function findTaskByInstanceId(client: DtsClient, region: string, instanceId: string, type?: TaskTypeParam, options: ReadOptions = {}) {
  const found = await findOne(client, region, type, { by: "instanceId", value: instanceId }, options);
  if (!found) throw new NotFoundError("task_not_found", `No task with instance ${instanceId} in ${region}.`);
  return found;
}

export interface TaskWithDetail {
  job: DtsTask;
  detail: { forward: DtsTaskDetail; reverse: DtsTaskDetail | null };
}

/**
 * A detail's `Delay` as the task page shows it, in seconds. DescribeDtsJobDetail documents its
 * Delay in milliseconds, the SDK's comment says seconds for synchronization tasks
 * (https://alibabacloud.com/help/en/dts/developer-reference/api-describedtsjobdetail), while
 * DescribeDtsJobs documents seconds. The list's value is the one whose unit is certain: it is used
 * whenever DTS gave one; without it the detail's value is not shown (it could be 1000× off).
 */
function withListDelay(detail: DtsTaskDetail, listDelaySeconds: number | null): DtsTaskDetail {
  return { ...detail, delay: listDelaySeconds };
}

/**
 * The task and the detail of each of its directions. A job ID naming a reverse task listed as an
 * item of its own leads to its forward task, which the page shows with both directions.
 */
export async function getTaskWithDetail(client: DtsClient, region: string, jobId: string, type?: TaskTypeParam, account?: string): Promise<TaskWithDetail> {
  let { task } = await findTaskByJobId(client, region, jobId, type);
  if (isReverseItem(task)) task = (await findTaskByInstanceId(client, region, task.instanceId, typeParamOf(task.type))).task;
  const detailFor = (direction: Direction) =>
    client.getJobDetail({ region, jobId: task.jobId, instanceId: task.instanceId, direction });
  const [forward, reverse] = await Promise.all([detailFor("Forward"), task.twoWay ? detailFor("Reverse") : Promise.resolve(null)]);
  return {
    job: inAccount(task, account),
    detail: {
      forward: withListDelay(forward, task.delaySeconds),
      reverse: reverse && withListDelay(reverse, task.reverse?.delaySeconds ?? null),
    },
  };
}
