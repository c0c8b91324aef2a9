import "server-only";
import type { ListJobsQuery } from "@/lib/domain/api";
import { jobTypeOf, type TaskTypeParam } from "@/lib/domain/api-constants";
import type { Direction, DtsTask, DtsTaskDetail, TaskPage } from "@/lib/domain/task";
import type { DtsClient, PageSize, ReadOptions } from "@/lib/dts/operations";
import type { ParsedJobItem } from "@/lib/dts/parse";
import { NotFoundError } from "@/lib/domain/errors";
import { searchFromText } from "./search";

export async function listTasks(client: DtsClient, query: ListJobsQuery): Promise<TaskPage> {
  const type = jobTypeOf(query.type);
  const base = { region: query.region, type, status: query.status, page: query.page, pageSize: query.pageSize as PageSize };
  const search = searchFromText(query.q);
  let result = await client.listJobs({ ...base, search });
  if (result.total === 0 && search && search.by !== "name") {
    result = await client.listJobs({ ...base, search: { by: "name", value: search.value } });
  }
  return {
    items: result.items.map((i) => i.task),
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
    const match = page.items.find((i) => (search.by === "jobId" ? i.task.jobId : i.task.instanceId) === search.value);
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

export async function getTaskWithDetail(client: DtsClient, region: string, jobId: string, type?: TaskTypeParam): Promise<TaskWithDetail> {
  const { task } = await findTaskByJobId(client, region, jobId, type);
  const detailFor = (direction: Direction) =>
    client.getJobDetail({ region, jobId: task.jobId, instanceId: task.instanceId, direction });
  const [forward, reverse] = await Promise.all([detailFor("Forward"), task.twoWay ? detailFor("Reverse") : Promise.resolve(null)]);
  return { job: task, detail: { forward, reverse } };
}
