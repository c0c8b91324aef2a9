// A task's alert settings: what DescribeJobMonitorRule reports (its MonitorRules), how the pre-reset
// snapshot keeps them, and the rules ConfigureDtsJob/ConfigureSubscription put on the alert
// parameters. Safe for the browser.
//
// DescribeJobMonitorRule (https://help.aliyun.com/zh/dts/developer-reference/api-describejobmonitorrule;
// [SDK] DescribeJobMonitorRuleResponseBody.ts, Go SDK struct_monitor_rule.go): request DtsJobId
// (required) and RegionId; MonitorRules[] of Type (delay, error, full_timeout, warn), State (Y/N),
// DelayRuleTime (seconds), Phone (comma-separated), JobType (normal, full_check, etl_check), Period,
// Times, NoticeValue. A reset clears a task's alert settings (the reset guide), so the console reads
// them before the reset and replays them with the configure call.

/** One MonitorRules entry, normalised (DTS's loose typing: numbers as strings, `Y`/`N`). */
export interface MonitorRule {
  /** `delay`, `error`, `full_timeout`, `warn`, or what DTS sends. */
  type: string;
  /** State `Y`. */
  enabled: boolean;
  /** Seconds; delay rules. */
  delayRuleTime: number | null;
  /** Comma-separated phone numbers, as DTS reports them. */
  phone: string | null;
  /** `normal` (the task itself), `full_check`, `etl_check`; null when not said. */
  jobType: string | null;
  period: number | null;
  times: number | null;
  noticeValue: number | null;
}

/**
 * What the reset kept of the alert settings: the rules DTS reported, or why they could not be read.
 * The read never holds a reset back: a failure is recorded here and the reset goes on.
 */
export type AlertSnapshot =
  | { captured: true; at: string; requestId: string | null; rules: MonitorRule[] }
  | { captured: false; at: string; code: string | null; kind: string; message: string };

/** The alert parameters both configure APIs take (configure-dts-job.md "Alerts"; ConfigureSubscriptionRequest). */
export const ALERT_PARAMETERS = ["DelayNotice", "DelayRuleTime", "DelayPhone", "ErrorNotice", "ErrorPhone"] as const;

/** "China site only. Only mobile phone numbers in the Chinese mainland are supported. Up to 10." */
export const MAX_ALERT_PHONES = 10;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/** What is wrong with a comma-separated phone list, or null: mainland mobile numbers, at most 10. */
export function phoneListProblem(value: string): "phoneFormat" | "phoneCount" | null {
  if (value === "") return null;
  const phones = value.split(",");
  if (phones.some((p) => !MAINLAND_MOBILE.test(p))) return "phoneFormat";
  if (phones.length > MAX_ALERT_PHONES) return "phoneCount";
  return null;
}
