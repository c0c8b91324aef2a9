// DescribePreCheckStatus ([SDK] DescribePreCheckStatusRequest.ts / ResponseBody.ts;
// https://help.aliyun.com/zh/dts/developer-reference/api-describeprecheckstatus): the progress of a
// task's precheck (JobCode 01) or of its schema/full/incremental modules (02/03/04), with one
// JobProgress entry per check item. Each read of a task counts towards the end of its current
// stage (precheck.ts): the simulator's clock is its callers' reads, never the wall clock.

import { instanceNotFound, invalidParameter, missingParameter } from "../errors";
import { PRECHECK_ITEMS, type PrecheckRun } from "../precheck";
import type { JobRecord } from "../model";
import { designateJob, optionalParam, parseDirection } from "./params";
import { fail, succeed, type ActionHandler } from "./types";

const JOB_CODES = new Set(["01", "02", "03", "04"]);
const JOB_NAMES: Record<string, string> = { "01": "预检查", "02": "结构迁移", "03": "全量迁移", "04": "增量写入" };

function itemsOf(run: PrecheckRun | undefined): Record<string, unknown>[] {
  if (!run) return [];
  return PRECHECK_ITEMS.map((item, index) => {
    const failure = run.failures.find((f) => f.item === item.Item);
    const state = run.state === "Checking" ? (index === 0 ? "Success" : "Checking") : failure ? "Failed" : "Success";
    return {
      Item: item.Item,
      Names: item.Names,
      OrderNum: String(index + 1),
      State: state,
      ErrMsg: state === "Failed" ? failure!.message : "",
      ErrDetail: state === "Failed" ? `${item.description}: ${failure!.message}` : "",
      RepairMethod: state === "Failed" ? failure!.repairMethod : "",
      CanSkip: false,
      Skip: false,
      IgnoreFlag: "N",
      BootTime: run.startedAt,
      FinishTime: state === "Checking" ? "" : (run.finishedAt ?? ""),
      SourceSchema: "",
      DestSchema: "",
      TargetNames: "",
      Logs: [],
    };
  });
}

/** The state of a module (02 schema, 03 full, 04 incremental) from the task's status. */
function moduleState(job: JobRecord, code: string): string {
  if (job.status === "NotConfigured" || job.status === "NotStarted" || job.status.startsWith("Pre")) return "NotStarted";
  if (job.status === "Initializing") return code === "04" ? "NotStarted" : "Migrating";
  if (job.status === "InitializeFailed") return "Failed";
  return code === "04" ? "Catched" : "Finished";
}

export const describePreCheckStatus: ActionHandler = ({ params, state }) => {
  const jobId = optionalParam(params, "DtsJobId");
  if (!jobId) return fail(missingParameter("DtsJobId"));
  const code = optionalParam(params, "JobCode");
  if (!code) return fail(missingParameter("JobCode"));
  if (!JOB_CODES.has(code)) return fail(invalidParameter("JobCode"));
  const direction = parseDirection(params);
  if (!direction.ok) return fail(direction.error);
  const location = state.findJob(jobId);
  if (!location) return fail(instanceNotFound());
  const designated = designateJob(state, jobId, direction.value);
  if (!designated.ok) return fail(designated.error);
  const { instance, job } = designated.value;
  const pageNo = Number(optionalParam(params, "PageNo") ?? "1");
  const pageSize = Number(optionalParam(params, "PageSize") ?? "20");
  if (!Number.isInteger(pageNo) || pageNo < 1) return fail(invalidParameter("PageNo"));
  if (!Number.isInteger(pageSize) || pageSize < 1) return fail(invalidParameter("PageSize"));

  const run = state.prechecks.runOf(job.jobId);
  const items = code === "01" ? itemsOf(run) : [];
  const page = items.slice((pageNo - 1) * pageSize, pageNo * pageSize);
  const fields = {
    State: code === "01" ? (run?.state ?? "NotStarted") : moduleState(job, code),
    Code: code,
    JobId: `${job.jobId}_${code}`,
    JobName: JOB_NAMES[code],
    ErrorItem: items.filter((i) => i.State === "Failed").length,
    Total: items.length,
    TotalRecordCount: items.length,
    PageNumber: pageNo,
    PageRecordCount: page.length,
    JobProgress: page,
    AnalysisJobProgress: [],
    FullNetCheckJobStatus: [],
    SubDistributedJobStatus: [],
  };
  // This read is an event on the task's timeline (after the answer is built: it reports what was).
  state.prechecks.read(instance, job, new Date().toISOString());
  return succeed(fields);
};
