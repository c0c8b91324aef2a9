import "server-only";
// The pre-reset alert settings (DescribeJobMonitorRule's rules, lib/domain/alerts.ts) mapped to the
// alert parameters ConfigureDtsJob and ConfigureSubscription both take: the task's own (`normal`)
// `delay` rule gives DelayNotice, DelayRuleTime and DelayPhone, its `error` rule ErrorNotice and
// ErrorPhone. Rules of other kinds (full_timeout, warn) or of the task's data checks (full_check,
// etl_check) have no configure parameter: said, never sent. A disabled rule is replayed as off
// (its phones are not sent: they alert nobody).
import type { AlertSnapshot, MonitorRule } from "@/lib/domain/alerts";
import type { ConfigureParameters } from "@/lib/domain/reconfigure";
import type { Remark } from "@/lib/domain/reconfigure-remarks";

export interface AlertMapping {
  parameters: ConfigureParameters;
  notes: Remark[];
}

const isOwn = (rule: MonitorRule) => rule.jobType === null || rule.jobType.toLowerCase() === "normal";

/** The alert parameters the snapshot's rules give, and what the operator should know about them. */
export function mapAlerts(snapshot: AlertSnapshot | null): AlertMapping {
  // A record from before the console read alerts: it has none to replay.
  if (snapshot === null) return { parameters: {}, notes: [{ code: "alertsNotReplayed" }] };
  if (!snapshot.captured) {
    return { parameters: {}, notes: [{ code: "alertsNotCaptured", values: { reason: snapshot.code ?? snapshot.message } }] };
  }
  const parameters: ConfigureParameters = {};
  const notes: Remark[] = [];
  const own = snapshot.rules.filter(isOwn);
  const delay = own.find((r) => r.type.toLowerCase() === "delay");
  const error = own.find((r) => r.type.toLowerCase() === "error");
  if (delay) {
    parameters.DelayNotice = String(delay.enabled);
    if (delay.enabled) {
      if (delay.delayRuleTime !== null) parameters.DelayRuleTime = String(Math.round(delay.delayRuleTime));
      if (delay.phone) parameters.DelayPhone = delay.phone;
    }
  }
  if (error) {
    parameters.ErrorNotice = String(error.enabled);
    if (error.enabled && error.phone) parameters.ErrorPhone = error.phone;
  }
  const others = snapshot.rules.filter((r) => r !== delay && r !== error);
  notes.push({ code: delay || error ? "alertsReplayed" : "alertsNone" });
  if (others.length) {
    const kinds = [...new Set(others.map((r) => (r.jobType && !isOwn(r) ? `${r.type} (${r.jobType})` : r.type)))];
    notes.push({ code: "alertsOtherRules", values: { types: kinds.join(", ") } });
  }
  return { parameters, notes };
}
