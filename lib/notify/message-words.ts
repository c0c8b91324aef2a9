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
  /** Between a fact's label and value (": " or "："). */
  separator: string;
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
    task: "Task ID",
    taskId: "Task ID",
    resetTask: "Task ID reset",
    bulk: "Bulk reset",
    requestedBy: "Requested by",
    status: "Status",
    clientAddress: "Client address",
    lockedForMinutes: "Locked for (minutes)",
    queued: "Queued",
    running: "Running",
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
    task: "任务ID",
    taskId: "任务ID",
    resetTask: "被重置的任务ID",
    bulk: "批量重置",
    requestedBy: "申请人",
    status: "状态",
    clientAddress: "客户端地址",
    lockedForMinutes: "锁定时长（分钟）",
    queued: "排队中",
    running: "进行中",
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
    outcome: {
      succeeded: "Succeeded",
      failed: "Failed",
      unknown: "Unknown",
      pending: "Pending",
      configuring: "Configuring",
      prechecking: "Prechecking",
      initializing: "Initializing",
      synchronizing: "Synchronizing",
      precheck_failed: "Precheck failed",
    },
    status: {
      awaiting_approval: "Awaiting approval",
      rejected: "Rejected",
      expired: "Expired",
      queued: "Queued",
      running: "Running",
      succeeded: "Succeeded",
      partial: "Partly succeeded",
      failed: "Failed",
      cancelled: "Cancelled",
    },
  },
  "zh-CN": {
    direction: { Forward: "正向", Reverse: "反向" },
    jobType: { SYNC: "同步任务", SUBSCRIBE: "数据订阅", MIGRATION: "迁移任务" },
    outcome: {
      succeeded: "成功",
      failed: "失败",
      unknown: "未知",
      pending: "进行中",
      configuring: "配置中",
      prechecking: "预检查中",
      initializing: "同步初始化中",
      synchronizing: "同步中",
      precheck_failed: "预检查失败",
    },
    status: {
      awaiting_approval: "待审批",
      rejected: "已驳回",
      expired: "已过期",
      queued: "排队中",
      running: "进行中",
      succeeded: "成功",
      partial: "部分成功",
      failed: "失败",
      cancelled: "已取消",
    },
  },
};

/** Bulk counts that say nothing when zero (succeeded and failed are said either way). */
const QUIET_WHEN_ZERO = new Set(["queued", "running", "unknown", "skipped", "cancelled"]);

/** Between a label and its value: Chinese uses the full-width colon. */
const SEPARATOR: Record<Locale, string> = { en: ": ", "zh-CN": "：" };

const OPEN: Record<Locale, string> = { en: "Open in the console", "zh-CN": "在控制台中查看" };
const CONSOLE: Record<Locale, string> = { en: "DTS Reset Console", "zh-CN": "DTS 重置控制台" };

const NAMED: Record<Locale, { task: string; user: string }> = { en: { task: "task", user: "account" }, "zh-CN": { task: "任务", user: "账号" } };

/** The subject named in the lead ("the reset of task X", "account bob"), or its kind when it has no name. */
function subjectName(event: NotificationEvent, language: Locale): string {
  const { summary } = event;
  const generic = SUBJECTS[language][event.subject.kind];
  const kind = event.subject.kind === "user" ? "user" : event.subject.kind === "bulk" ? null : "task";
  const name = kind === "user" ? summary.username : kind === "task" ? (summary.taskName ?? summary.task ?? summary.taskId) : null;
  if (!kind || name === null || name === undefined || name === "") return generic;
  return language === "zh-CN" ? `${NAMED[language][kind]} ${String(name)} ` : `${NAMED[language][kind]} ${String(name)}`;
}

/** An ISO time as the console shows times: UTC, to the second. */
function utc(iso: string): string {
  return `${iso.replace("T", " ").replace(/\.\d+Z$|Z$/, "")} UTC`;
}
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function fill(template: string, words: { who: string; what: string }): string {
  return template.replace("{who}", words.who).replace("{what}", words.what);
}

function factValue(key: string, value: string | number, language: Locale): string {
  if (key === "region" && typeof value === "string") return regionLabel(value, language);
  if (typeof value === "string" && ISO_TIME.test(value)) return utc(value);
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
  // Chinese text sets a Latin name off with a space (张三 needs none, alice does).
  const actor = event.actor ?? SOMEONE[language];
  const who = language === "zh-CN" && /[A-Za-z0-9]$/.test(actor) ? `${actor} ` : actor;
  const lead = fill(LEADS[language][event.type], { who, what: subjectName(event, language) }).replace(/\s+([，。：])/g, "$1");
  const facts: MessageFact[] = [];
  if (event.account) facts.push({ label: LABELS[language].account!, value: event.account });
  for (const [key, value] of Object.entries(event.summary)) {
    if (value === null || value === "") continue;
    if (value === 0 && QUIET_WHEN_ZERO.has(key)) continue;
    // The half a reset acts on is worth a line only when it is not the task itself (a reverse reset).
    if (key === "resetTask" && value === (event.summary.task ?? event.summary.taskId)) continue;
    facts.push({ label: LABELS[language][key] ?? key, value: factValue(key, value, language) });
  }
  facts.push({ label: LABELS[language].occurredAt!, value: utc(event.occurredAt) });
  const link = { text: OPEN[language], url: consoleLink(consoleOrigin, event.subject.path) };
  const separator = SEPARATOR[language];
  const plain = [`[${CONSOLE[language]}] ${title}`, lead, ...facts.map((f) => `${f.label}${separator}${f.value}`), `${link.text}${separator}${link.url}`].join("\n");
  return { title: `${title} · ${CONSOLE[language]}`, lead, facts, link, separator, plain };
}
