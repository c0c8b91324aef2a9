// The RAM roles the simulator's STS can hand out sessions for, one per (account, role name). A
// role names the simulator account whose DTS tasks its temporary keys see; an ARN that is not
// configured here is a role that does not exist (EntityNotExist.Role).

import { z } from "zod";

/** RAM's ceiling for a role's maximum session duration (and so for DurationSeconds). */
export const MAX_SESSION_CEILING_SECONDS = 43_200;
/** What RAM sets when a role is created without a maximum session duration. */
export const DEFAULT_MAX_SESSION_SECONDS = 3_600;
/** AssumeRole's floor for DurationSeconds: 15 minutes. */
export const MIN_SESSION_SECONDS = 900;

/** `acs:ram::<account uid>:role/<role name>`; RAM role names are 1-64 of A-Za-z0-9 . @ - _. */
export const ROLE_ARN_PATTERN = /^acs:ram::(\d{1,32}):role\/([A-Za-z0-9.@_-]{1,64})$/;

export const roleSpecSchema = z
  .object({
    arn: z.string().regex(ROLE_ARN_PATTERN, "expected acs:ram::<account uid>:role/<role name>"),
    /** The simulator account (a key of the state, e.g. "prod") whose tasks the session sees. */
    account: z.string().min(1),
    /** When set, the trust policy requires AssumeRole's ExternalId to equal it. */
    externalId: z.string().min(1).optional(),
    maxSessionDurationSeconds: z.number().int().min(DEFAULT_MAX_SESSION_SECONDS).max(MAX_SESSION_CEILING_SECONDS).optional(),
  })
  .strict();

export type RoleSpec = z.input<typeof roleSpecSchema>;

export interface Role {
  arn: string;
  /** The account uid in the ARN (what AssumedRoleUser.Arn carries). */
  uid: string;
  name: string;
  account: string;
  externalId: string | undefined;
  maxSessionDurationSeconds: number;
  /** The role's numeric ID, the part before ":" in AssumedRoleId; derived from the ARN. */
  roleId: string;
}

/** 18 digits from the ARN, so a role keeps its ID across restarts (RAM's role IDs are numeric). */
function roleIdOf(arn: string): string {
  let a = 0x9e3779b9;
  let b = 0x85ebca6b;
  for (const char of arn) {
    const code = char.codePointAt(0) ?? 0;
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
  }
  return `3${String(a).padStart(10, "0").slice(0, 9)}${String(b).padStart(10, "0").slice(0, 8)}`;
}

export class RoleBook {
  private readonly byArn = new Map<string, Role>();

  /** Validates the role specs; throws a ZodError on an invalid one and an Error on a duplicate ARN. */
  constructor(specs: readonly RoleSpec[] = []) {
    for (const raw of specs) {
      const spec = roleSpecSchema.parse(raw);
      const match = ROLE_ARN_PATTERN.exec(spec.arn) as RegExpExecArray;
      if (this.byArn.has(spec.arn)) throw new Error(`duplicate role ${spec.arn}`);
      this.byArn.set(spec.arn, {
        arn: spec.arn,
        uid: match[1] as string,
        name: match[2] as string,
        account: spec.account,
        externalId: spec.externalId,
        maxSessionDurationSeconds: spec.maxSessionDurationSeconds ?? DEFAULT_MAX_SESSION_SECONDS,
        roleId: roleIdOf(spec.arn),
      });
    }
  }

  find(arn: string): Role | undefined {
    return this.byArn.get(arn);
  }

  list(): Role[] {
    return [...this.byArn.values()].map((role) => ({ ...role }));
  }
}
