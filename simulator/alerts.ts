// The alert parameters ConfigureDtsJob and ConfigureSubscription take (configure-dts-job.md
// "Alerts"; [SDK] ConfigureSubscriptionRequest): DelayNotice / ErrorNotice booleans, DelayRuleTime
// seconds (required when DelayNotice=true), DelayPhone / ErrorPhone comma-separated mainland
// mobile numbers, at most 10 ("China site only"). What they set is what DescribeJobMonitorRule
// then reports; a reset clears it (the reset guide: "alert settings" are cleared).

import { invalidParameter, missingParameter, type DtsError } from "./errors";
import type { MonitorRuleRecord } from "./model";
import { optionalParam } from "./actions/params";

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const MAX_PHONES = 10;

type Params = Readonly<Record<string, string>>;

function phonesOf(params: Params, name: string): string | undefined | DtsError {
  const value = optionalParam(params, name);
  if (value === undefined) return undefined;
  const phones = value.split(",");
  if (phones.length > MAX_PHONES || phones.some((p) => !MAINLAND_MOBILE.test(p))) return invalidParameter(name);
  return value;
}

function flagOf(params: Params, name: string): boolean | undefined | DtsError {
  const value = optionalParam(params, name);
  if (value === undefined) return undefined;
  if (value !== "true" && value !== "false") return invalidParameter(name);
  return value === "true";
}

const isError = (value: unknown): value is DtsError => !!value && typeof value === "object" && "httpStatus" in value && "code" in value;

/**
 * The rules a configure call's alert parameters set, or DTS's refusal. `undefined`: the call named
 * no alert parameter (the job keeps none: it was reset).
 */
export function alertRulesOf(params: Params): MonitorRuleRecord[] | undefined | DtsError {
  const delay = flagOf(params, "DelayNotice");
  if (isError(delay)) return delay;
  const error = flagOf(params, "ErrorNotice");
  if (isError(error)) return error;
  const ruleTime = optionalParam(params, "DelayRuleTime");
  if (ruleTime !== undefined && !/^\d+$/.test(ruleTime)) return invalidParameter("DelayRuleTime");
  if (delay === true && ruleTime === undefined) return missingParameter("DelayRuleTime");
  const delayPhone = phonesOf(params, "DelayPhone");
  if (isError(delayPhone)) return delayPhone;
  const errorPhone = phonesOf(params, "ErrorPhone");
  if (isError(errorPhone)) return errorPhone;
  if (delay === undefined && error === undefined && ruleTime === undefined && delayPhone === undefined && errorPhone === undefined) return undefined;
  const rules: MonitorRuleRecord[] = [];
  const delayRule: MonitorRuleRecord = { Type: "delay", State: delay ? "Y" : "N", JobType: "normal" };
  if (ruleTime !== undefined) delayRule.DelayRuleTime = Number(ruleTime);
  if (delayPhone !== undefined) delayRule.Phone = delayPhone;
  rules.push(delayRule);
  const errorRule: MonitorRuleRecord = { Type: "error", State: error ? "Y" : "N", JobType: "normal" };
  if (errorPhone !== undefined) errorRule.Phone = errorPhone;
  rules.push(errorRule);
  return rules;
}

export { isError as isAlertError };
