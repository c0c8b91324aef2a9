// Two-person approval of resets (issue 13): the request's states, the decision bodies, and the
// approval policy with its matching rule. Safe for the browser: the dialog shows the policy in
// force and the /approvals page renders requests from these types.
import { z } from "zod";
import { REGION_IDS } from "./regions";
import { accountIdSchema } from "./task-ref";
import { text } from "./text";
import { COMMENT_MAX, RESET_REQUEST_STATUSES, type ApprovalDecision } from "./approval-types";

export {
  COMMENT_MAX,
  RESET_REQUEST_EVENT_TYPES,
  RESET_REQUEST_STATUSES,
  type ResetRequestEventType,
  type ResetRequestStatus,
} from "./approval-types";
export type { ApprovalDecision, ResetRequestEvent, ResetRequestPerson, ResetRequestResult } from "./approval-types";

export const approveBodySchema = z
  .object({ comment: text({ multiline: true, max: COMMENT_MAX, tooLong: `Keep the comment under ${COMMENT_MAX + 1} characters` }).optional() })
  .strict();

export const rejectBodySchema = z
  .object({
    comment: text({ multiline: true, min: 1, max: COMMENT_MAX, tooShort: "Say why the request is rejected", tooLong: `Keep the comment under ${COMMENT_MAX + 1} characters` }),
  })
  .strict();

export const cancelBodySchema = z
  .object({ comment: text({ multiline: true, max: COMMENT_MAX, tooLong: `Keep the comment under ${COMMENT_MAX + 1} characters` }).optional() })
  .strict();

export const requestIdParam = z.string().regex(/^[0-9a-f-]{36}$/, "not a reset request ID");

export const requestListQuerySchema = z.object({ status: z.enum(RESET_REQUEST_STATUSES).optional() }).strict();

/** The admin's setting: off (unless RESET_APPROVAL=required), every reset, or selected ones. */
export const APPROVAL_POLICY_MODES = ["off", "all", "selected"] as const;
export type ApprovalPolicyMode = (typeof APPROVAL_POLICY_MODES)[number];

/** A task-name pattern: `*` any run of characters, `?` one character; matched against the whole name. */
const namePattern = z
  .string()
  .trim()
  .min(1, "A pattern cannot be empty")
  .max(128, "Keep a pattern under 129 characters")
  .regex(/^[^\u0000-\u001f\u007f]+$/, "A pattern cannot hold control characters");

export const approvalPolicySchema = z
  .object({
    mode: z.enum(APPROVAL_POLICY_MODES),
    /** Every reset in these Alibaba Cloud accounts (their ids) needs approval. */
    accounts: z.array(accountIdSchema).max(100).default([]),
    regions: z.array(z.enum(REGION_IDS)).max(50).default([]),
    namePatterns: z.array(namePattern).max(50).default([]),
  })
  .strict();
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = { mode: "off", accounts: [], regions: [], namePatterns: [] };

function patternRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
}

export function nameMatches(pattern: string, name: string): boolean {
  return patternRegExp(pattern).test(name);
}

export function approvalFor(envRequired: boolean, policy: ApprovalPolicy, task: { account: string; region: string; name: string }): ApprovalDecision {
  if (envRequired) return { required: true, reason: "Every reset needs the approval of a second person (RESET_APPROVAL=required).", basis: "setting" };
  if (policy.mode === "all") return { required: true, reason: "Every reset needs the approval of a second person (set by an admin).", basis: "all" };
  if (policy.mode === "selected") {
    if (policy.accounts.includes(task.account)) {
      return { required: true, reason: `Resets in account ${task.account} need the approval of a second person.`, basis: "account", match: task.account };
    }
    if (policy.regions.includes(task.region)) {
      return { required: true, reason: `Resets in ${task.region} need the approval of a second person.`, basis: "region", match: task.region };
    }
    const pattern = policy.namePatterns.find((p) => nameMatches(p, task.name));
    if (pattern) return { required: true, reason: `Resets of tasks named ${pattern} need the approval of a second person.`, basis: "name", match: pattern };
  }
  return { required: false, reason: "This reset runs as soon as you confirm it.", basis: "none" };
}

