import "server-only";
// The words of a notification, in the channel's language (English or Simplified Chinese, with
// Alibaba Cloud's own terms: 重置, 正向/反向, 同步任务, 数据订阅…). Kept here rather than in the
// messages catalogs: these are read in DingTalk or Slack, not in the console's pages, and a
// channel's language is the channel's setting, not the reader's browser.
//
// composeMessage gives a platform-neutral message (title, labelled facts, a link); each platform
// in channel-messages.ts renders it with its own escaping. Labels are ours; values may be user
// text (task names, reasons) and are escaped by the renderer, never here.
import type { Locale } from "@/lib/domain/locale";
import type { NotificationEventType } from "@/lib/domain/notifications";
import { regionLabel } from "@/lib/domain/regions";
import type { NotificationEvent } from "./channel-kinds";

export interface MessageFact {
  label: string;
  value: string;
}

export interface ComposedMessage {
  /** Short, for a notification banner and a card header. */
  title: string;
  /** One sentence on what happened, with the subject. */
  lead: string;
  facts: MessageFact[];
  link: { text: string; url: string };
  /** A plain-text rendering of all of it, for fallbacks (Slack's `text`, a preview). */
  plain: string;
}

type Words = Record<NotificationEventType, string>;

const TITLES: Record<Locale, Words> = {
  en: {
    "reset.requested": "Reset requested",
    "reset.approved": "Reset request approved",
    "reset.rejected": "Reset request rejected",
    "reset.expired": "Reset request expired",
    "reset.cancelled": "Reset request cancelled",
    "reset.succeeded": "Reset succeeded",
    "reset.failed": "Reset failed",
    "reset.unknown": "Reset outcome unknown",
    "reset.unknown_resolved": "Unknown reset outcome resolved",
    "bulk.started": "Bulk reset started",
    "bulk.finished": "Bulk reset finished",
    "reconfiguration.succeeded": "Reconfiguration succeeded",
    "reconfiguration.failed": "Reconfiguration failed",
    "sign_in.locked_out": "Sign-in locked out",
    test: "Test message",
  },
  "zh-CN": {
    "reset.requested": "已提交重置申请",
    "reset.approved": "重置申请已批准",
    "reset.rejected": "重置申请已驳回",
    "reset.expired": "重置申请已过期",
    "reset.cancelled": "重置申请已取消",
    "reset.succeeded": "重置成功",
    "reset.failed": "重置失败",
    "reset.unknown": "重置结果未知",
    "reset.unknown_resolved": "未知的重置结果已确认",
    "bulk.started": "批量重置已开始",
    "bulk.finished": "批量重置已完成",
    "reconfiguration.succeeded": "重新配置成功",
    "reconfiguration.failed": "重新配置失败",
    "sign_in.locked_out": "登录已锁定",
    test: "测试消息",
  },
};

/** The sentence under the title; `{who}` is the actor, `{what}` the subject. */
const LEADS: Record<Locale, Words> = {
  en: {
    "reset.requested": "{who} asked for a reset of {what}; it waits for a second person's approval.",
    "reset.approved": "{who} approved the reset of {what}.",
    "reset.rejected": "{who} rejected the reset of {what}.",
    "reset.expired": "Nobody decided on the reset of {what} in time; the request expired.",
    "reset.cancelled": "{who} cancelled the request to reset {what}.",
    "reset.succeeded": "DTS accepted the reset of {what}.",
    "reset.failed": "DTS refused the reset of {what}.",
    "reset.unknown": "The console could not learn whether DTS reset {what}; it keeps checking.",
    "reset.unknown_resolved": "The outcome of the reset of {what} is now known.",
    "bulk.started": "{who} started a bulk reset.",
    "bulk.finished": "A bulk reset finished.",
    "reconfiguration.succeeded": "{who} reconfigured {what}.",
    "reconfiguration.failed": "The reconfiguration of {what} failed.",
    "sign_in.locked_out": "Too many failed sign-ins: {what} is locked for a while.",
    test: "{who} sent this test from DTS Reset Console: the channel works.",
  },
  "zh-CN": {
    "reset.requested": "{who}申请重置{what}，等待另一位审批人批准。",
    "reset.approved": "{who}批准了{what}的重置申请。",
    "reset.rejected": "{who}驳回了{what}的重置申请。",
    "reset.expired": "{what}的重置申请未在期限内处理，已过期。",
    "reset.cancelled": "{who}取消了{what}的重置申请。",
    "reset.succeeded": "DTS 已接受{what}的重置。",
    "reset.failed": "DTS 拒绝了{what}的重置。",
    "reset.unknown": "控制台无法确认 DTS 是否已重置{what}，将继续核实。",
    "reset.unknown_resolved": "{what}的重置结果现已确认。",
    "bulk.started": "{who}开始了批量重置。",
    "bulk.finished": "批量重置已结束。",
    "reconfiguration.succeeded": "{who}重新配置了{what}。",
    "reconfiguration.failed": "{what}的重新配置失败。",
    "sign_in.locked_out": "登录失败次数过多：{what}已被暂时锁定。",
    test: "{who}从 DTS 重置控制台发送了此测试消息：该通知渠道工作正常。",
  },
};

const SUBJECTS: Record<Locale, Record<NotificationEvent["subject"]["kind"], string>> = {
  en: { reset: "the task", request: "the task", bulk: "the bulk reset", reconfiguration: "the task", user: "the account" },
  "zh-CN": { reset: "该任务", request: "该任务", bulk: "该批量重置", reconfiguration: "该任务", user: "该账号" },
};

const SOMEONE: Record<Locale, string> = { en: "The console", "zh-CN": "控制台" };

/** Labels of the summary keys the console writes; any other key is shown as it is. */
const LABELS: Record<Locale, Record<string, string>> = {
  en: {
    account: "Account",
    taskId: "Task ID",
    taskName: "Task name",
    instanceId: "Instance ID",
    jobType: "Task type",
    region: "Region",
    direction: "Direction",
    outcome: "Outcome",
    requestId: "Request ID",
    errorCode: "Error code",
    errorMessage: "Error message",
    reason: "Reason",
    comment: "Comment",
    requester: "Requested by",
    approver: "Approved by",
    username: "User",
    total: "Tasks",
    succeeded: "Succeeded",
    failed: "Failed",
    unknown: "Unknown",
    skipped: "Skipped",
    cancelled: "Cancelled",
    lockedUntil: "Locked until",
    expiresAt: "Expires at",
    actor: "By",
    occurredAt: "At",
  },
  "zh-CN": {
    account: "账号",
    taskId: "任务ID",
    taskName: "任务名称",
    instanceId: "实例ID",
    jobType: "任务类型",
    region: "地域",
    direction: "同步方向",
    outcome: "结果",
    requestId: "请求ID",
    errorCode: "错误码",
    errorMessage: "错误信息",
    reason: "原因",
    comment: "备注",
    requester: "申请人",
    approver: "审批人",
    username: "用户",
    total: "任务数",
    succeeded: "成功",
    failed: "失败",
    unknown: "未知",
    skipped: "已跳过",
    cancelled: "已取消",
    lockedUntil: "锁定至",
    expiresAt: "过期时间",
    actor: "操作人",
    occurredAt: "时间",
  },
};

/** Values the console writes as codes, shown in the channel's words. */
const VALUES: Record<Locale, Record<string, Record<string, string>>> = {
  en: {
    direction: { Forward: "Forward", Reverse: "Reverse" },
    jobType: { SYNC: "Data synchronization", SUBSCRIBE: "Change tracking", MIGRATION: "Data migration" },
    outcome: { succeeded: "Succeeded", failed: "Failed", unknown: "Unknown", pending: "Pending" },
  },
  "zh-CN": {
    direction: { Forward: "正向", Reverse: "反向" },
    jobType: { SYNC: "同步任务", SUBSCRIBE: "数据订阅", MIGRATION: "迁移任务" },
    outcome: { succeeded: "成功", failed: "失败", unknown: "未知", pending: "进行中" },
  },
};

const OPEN: Record<Locale, string> = { en: "Open in the console", "zh-CN": "在控制台中查看" };
const CONSOLE: Record<Locale, string> = { en: "DTS Reset Console", "zh-CN": "DTS 重置控制台" };

/** Keys that describe the subject and so name it in the lead ("the reset of task X"). */
function subjectName(event: NotificationEvent, language: Locale): string {
  const name = event.summary.taskName ?? event.summary.taskId ?? (event.subject.kind === "user" ? event.summary.username : null);
  const generic = SUBJECTS[language][event.subject.kind];
  if (name === null || name === undefined || name === "") return generic;
  return language === "zh-CN" ? `任务 ${String(name)} ` : `task ${String(name)}`;
}

function fill(template: string, words: { who: string; what: string }): string {
  return template.replace("{who}", words.who).replace("{what}", words.what);
}

function factValue(key: string, value: string | number, language: Locale): string {
  if (key === "region" && typeof value === "string") return regionLabel(value, language);
  const mapped = VALUES[language][key]?.[String(value)];
  return mapped ?? String(value);
}

/** The absolute console link: origin without a trailing slash, then the subject's path. */
export function consoleLink(consoleOrigin: string, path: string): string {
  const origin = consoleOrigin.replace(/\/+$/, "");
  return `${origin}${path.startsWith("/") ? path : `/${path}`}`;
}

export function composeMessage(event: NotificationEvent, language: Locale, consoleOrigin: string): ComposedMessage {
  const title = TITLES[language][event.type];
  const who = event.actor ?? SOMEONE[language];
  const lead = fill(LEADS[language][event.type], { who, what: subjectName(event, language) }).replace(/\s+([，。：])/g, "$1");
  const facts: MessageFact[] = [];
  if (event.account) facts.push({ label: LABELS[language].account!, value: event.account });
  for (const [key, value] of Object.entries(event.summary)) {
    if (value === null || value === "") continue;
    facts.push({ label: LABELS[language][key] ?? key, value: factValue(key, value, language) });
  }
  facts.push({ label: LABELS[language].occurredAt!, value: `${event.occurredAt.replace("T", " ").replace(/\.\d+Z$|Z$/, "")} UTC` });
  const link = { text: OPEN[language], url: consoleLink(consoleOrigin, event.subject.path) };
  const plain = [`[${CONSOLE[language]}] ${title}`, lead, ...facts.map((f) => `${f.label}: ${f.value}`), `${link.text}: ${link.url}`].join("\n");
  return { title: `${title} · ${CONSOLE[language]}`, lead, facts, link, plain };
}
