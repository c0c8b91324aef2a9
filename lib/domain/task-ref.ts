// What an operation on a DTS task acts on: the account, the region, the instance and the
// direction. Claims, records, requests and reconfigurations key on it, so that two accounts'
// tasks never collide even when their IDs do. Safe for the browser.
import { z } from "zod";
import type { Direction } from "./task";

/** The one account a console without DTS_ACCOUNTS has; every record written before accounts existed. */
export const DEFAULT_ACCOUNT = "default";

/** An account ID: lower-case letters, digits and dashes, as DTS_ACCOUNTS will declare them. */
export const ACCOUNT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;

export const accountIdSchema = z.string().regex(ACCOUNT_ID_PATTERN, { message: "account must be an account ID such as \"default\"" });

export interface TaskRef {
  account: string;
  region: string;
  instanceId: string;
  direction: Direction;
}

/** The same task and direction (the task ID may differ: a reset gives the task a new one). */
export function sameTask(a: TaskRef, b: TaskRef): boolean {
  return a.account === b.account && a.region === b.region && a.instanceId === b.instanceId && a.direction === b.direction;
}

/** For logs and messages: `default/cn-hangzhou/dtsxxxx/Forward`. */
export function describeTaskRef(ref: TaskRef): string {
  return `${ref.account}/${ref.region}/${ref.instanceId}/${ref.direction}`;
}
