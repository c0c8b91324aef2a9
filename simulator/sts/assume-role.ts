// STS AssumeRole (API 2015-04-01, RPC style): checks the request the way STS does and hands out a
// temporary key for the role's account. STS calls reach the same server as DTS calls and pass the
// same signature check; they are told apart by Action + Version (server.ts).
// Messages: Alibaba's STS error table (https://www.alibabacloud.com/help/doc-detail/42775.htm).

import { missingParameter, type DtsError } from "../errors";
import type { IssuedCredential, StsCredentialStore } from "./credentials";
import { isoSecondsUtc } from "./credentials";
import { MIN_SESSION_SECONDS, ROLE_ARN_PATTERN, type Role, type RoleBook } from "./roles";

export const STS_API_VERSION = "2015-04-01";
export const STS_ACTIONS = ["AssumeRole"] as const;
export type StsAction = (typeof STS_ACTIONS)[number];
/** The product name in STS error bodies' Recommend links. */
export const STS_PRODUCT = "Sts";

export function isStsCall(action: string, version: string): action is StsAction {
  return version === STS_API_VERSION && (STS_ACTIONS as readonly string[]).includes(action);
}

/** 2-64 characters of A-Za-z0-9 . @ - _ (the API reference; older pages said 2-32). */
const ROLE_SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
const DEFAULT_DURATION_SECONDS = 3_600;

const invalidRoleSessionName = (): DtsError => ({
  httpStatus: 400,
  code: "InvalidParameter.RoleSessionName",
  message: "The parameter RoleSessionName is wrongly formed.",
});

const invalidDurationSeconds = (maxSeconds: number): DtsError => ({
  httpStatus: 400,
  code: "InvalidParameter.DurationSeconds",
  // STS names the bounds of the role at hand; for a role at the default maximum, "15min/1hr".
  message: `The Min/Max value of DurationSeconds is 15min/${maxSeconds % 3_600 === 0 ? `${maxSeconds / 3_600}hr` : `${maxSeconds}s`}.`,
});

const invalidRoleArn = (): DtsError => ({ httpStatus: 400, code: "InvalidParameter.RoleArn", message: "The parameter RoleArn is wrongly formed." });

const roleNotFound = (arn: string): DtsError => ({ httpStatus: 404, code: "EntityNotExist.Role", message: `The role not exists: ${arn}.` });

/** A trust policy that does not admit the caller, which includes a missing or wrong ExternalId. */
const noPermission = (): DtsError => ({
  httpStatus: 403,
  code: "NoPermission",
  message: "No permission perform sts:AssumeRole on this Role. Maybe you should check the role's trust policy.",
});

const invalidPolicy = (): DtsError => ({
  httpStatus: 400,
  code: "InvalidParameter.PolicyGrammar",
  message: "The parameter Policy has not passed grammar check.",
});

export interface AssumeRoleContext {
  params: Readonly<Record<string, string>>;
  roles: RoleBook;
  credentials: StsCredentialStore;
  nowMs: number;
  /** The runtime setting `stsSessionSecondsOverride`: when set, every session lasts this long. */
  sessionSecondsOverride: number | null;
  requestId: string;
}

export type AssumeRoleOutcome =
  | { ok: true; body: Record<string, unknown>; credential: IssuedCredential; role: Role }
  | { ok: false; error: DtsError };

/** `DurationSeconds`: a whole number, 900 up to the role's maximum; 3600 when absent. */
function durationOf(text: string | undefined, role: Role): number | undefined {
  if (text === undefined || text.trim() === "") return Math.min(DEFAULT_DURATION_SECONDS, role.maxSessionDurationSeconds);
  if (!/^\d+$/.test(text.trim())) return undefined;
  const seconds = Number(text);
  return seconds >= MIN_SESSION_SECONDS && seconds <= role.maxSessionDurationSeconds ? seconds : undefined;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

export function assumeRole(context: AssumeRoleContext): AssumeRoleOutcome {
  const fail = (error: DtsError): AssumeRoleOutcome => ({ ok: false, error });
  const { params } = context;
  const roleArn = params.RoleArn?.trim();
  if (!roleArn) return fail(missingParameter("RoleArn"));
  const sessionName = params.RoleSessionName;
  if (sessionName === undefined || sessionName === "") return fail(missingParameter("RoleSessionName"));
  if (!ROLE_SESSION_NAME.test(sessionName)) return fail(invalidRoleSessionName());
  if (!ROLE_ARN_PATTERN.test(roleArn)) return fail(invalidRoleArn());

  const role = context.roles.find(roleArn);
  if (!role) return fail(roleNotFound(roleArn));
  // The confused-deputy guard: a role that names an ExternalId admits only callers that send it.
  if (role.externalId !== undefined && params.ExternalId !== role.externalId) return fail(noPermission());

  const requested = durationOf(params.DurationSeconds, role);
  if (requested === undefined) return fail(invalidDurationSeconds(role.maxSessionDurationSeconds));
  // Accepted but not enforced: the simulator's DTS has no permission model to narrow.
  if (params.Policy !== undefined && params.Policy !== "" && !isJsonObject(params.Policy)) return fail(invalidPolicy());

  const seconds = context.sessionSecondsOverride ?? requested;
  const credential = context.credentials.issue({ account: role.account, roleArn, roleSessionName: sessionName, nowMs: context.nowMs, seconds });
  const body: Record<string, unknown> = {
    RequestId: context.requestId,
    AssumedRoleUser: {
      Arn: `acs:ram::${role.uid}:assumed-role/${role.name}/${sessionName}`,
      AssumedRoleId: `${role.roleId}:${sessionName}`,
    },
    Credentials: {
      AccessKeyId: credential.accessKeyId,
      AccessKeySecret: credential.accessKeySecret,
      SecurityToken: credential.securityToken,
      Expiration: isoSecondsUtc(credential.expiresAt),
    },
  };
  if (params.SourceIdentity) body.SourceIdentity = params.SourceIdentity;
  return { ok: true, body, credential, role };
}
