import "server-only";
// The Alibaba Cloud accounts the console works in: DTS_ACCOUNTS (a JSON array) or DTS_ACCOUNTS_FILE
// (a file holding the same array), validated here once, at start. An entry is an account reached
// with the console's own credential chain (at most one such entry), or one reached by assuming a
// RAM role with STS AssumeRole from those credentials (the Resource Directory shape Terraform's
// `assume_role` and Steampipe's per-account connections use). Keys never live here: an AccessKey
// secret in an entry is refused, the credential chain is the only source of keys.
import fs from "node:fs";
import { z } from "zod";
import { ACCOUNT_ID_PATTERN, DEFAULT_ACCOUNT } from "@/lib/domain/task-ref";

/** `acs:ram::<account uid>:role/<role name>` (RAM role names: letters, digits, `.`, `-`, `_`; at most 64). */
export const ROLE_ARN_PATTERN = /^acs:ram::\d{1,32}:role\/[A-Za-z0-9._-]{1,64}$/;
/** STS's RoleSessionName: 2-64 characters of letters, digits and `.@-_`. */
export const ROLE_SESSION_NAME_PATTERN = /^[A-Za-z0-9.@_-]{2,64}$/;

const SECRET_LIKE_KEY = /secret|accesskey|password|token/i;

const entrySchema = z
  .object({
    id: z.string({ message: "is required" }).regex(ACCOUNT_ID_PATTERN, { message: "must be 1-32 lower-case letters, digits or dashes, starting with a letter or digit" }),
    name: z.string({ message: "is required" }).trim().min(1, { message: "is required" }).max(64, { message: "must be at most 64 characters" }),
    roleArn: z.string().regex(ROLE_ARN_PATTERN, { message: "must be acs:ram::<account uid>:role/<role name>" }).optional(),
    externalId: z.string().min(2, { message: "must be 2 to 1224 characters" }).max(1224, { message: "must be 2 to 1224 characters" }).optional(),
    roleSessionName: z.string().regex(ROLE_SESSION_NAME_PATTERN, { message: "must be 2-64 letters, digits or . @ - _" }).optional(),
    durationSeconds: z.number({ message: "must be a whole number of seconds" }).int({ message: "must be a whole number of seconds" }).min(900, { message: "must be from 900 to 43200" }).max(43200, { message: "must be from 900 to 43200" }).optional(),
  })
  .strict();

export interface ConsoleAccountEntry {
  id: string;
  name: string;
  /** The console's own credential chain. */
  kind: "default";
}

export interface RoleAccountEntry {
  id: string;
  name: string;
  kind: "role";
  roleArn: string;
  externalId: string | null;
  roleSessionName: string;
  durationSeconds: number;
}

export type AccountEntry = ConsoleAccountEntry | RoleAccountEntry;

export class AccountsConfigError extends Error {
  override name = "AccountsConfigError";
}

/** Where in the array a problem is: `entry 2 ("prod")`, so that the message names the entry. */
function where(index: number, raw: unknown): string {
  const id = raw && typeof raw === "object" && typeof (raw as { id?: unknown }).id === "string" ? ` ("${(raw as { id: string }).id}")` : "";
  return `entry ${index + 1}${id}`;
}

/**
 * The accounts from DTS_ACCOUNTS' JSON text. Throws AccountsConfigError naming the entry and the
 * field, never echoing a value (an entry may hold an ExternalId, or a secret someone put there).
 */
export function parseAccounts(text: string): AccountEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AccountsConfigError("must be a JSON array of accounts, e.g. [{\"id\":\"prod\",\"name\":\"Production\",\"roleArn\":\"acs:ram::123456789012:role/dts-console\"}]");
  }
  if (!Array.isArray(raw) || raw.length === 0) throw new AccountsConfigError("must be a non-empty JSON array of accounts");
  if (raw.length > 100) throw new AccountsConfigError("holds more than 100 accounts");
  const entries: AccountEntry[] = [];
  raw.forEach((item, index) => {
    if (item && typeof item === "object" && !Array.isArray(item)) {
      const secretKey = Object.keys(item).find((key) => SECRET_LIKE_KEY.test(key));
      if (secretKey) {
        throw new AccountsConfigError(`${where(index, item)}: "${secretKey}" is refused: keys come from the console's credential chain only (environment, RRSA, credentials file), never from DTS_ACCOUNTS`);
      }
    }
    const parsed = entrySchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.length ? String(issue.path[0]) : null;
      const message = issue.code === "unrecognized_keys" ? `has an unknown field: ${issue.keys.join(", ")}` : field ? `${field} ${issue.message}` : "must be an object with id and name";
      throw new AccountsConfigError(`${where(index, item)}: ${message}`);
    }
    const entry = parsed.data;
    if (!entry.roleArn) {
      for (const field of ["externalId", "roleSessionName", "durationSeconds"] as const) {
        if (entry[field] !== undefined) throw new AccountsConfigError(`${where(index, item)}: ${field} goes with roleArn`);
      }
      entries.push({ id: entry.id, name: entry.name, kind: "default" });
    } else {
      entries.push({
        id: entry.id,
        name: entry.name,
        kind: "role",
        roleArn: entry.roleArn,
        externalId: entry.externalId ?? null,
        roleSessionName: entry.roleSessionName ?? "dts-console",
        durationSeconds: entry.durationSeconds ?? 3600,
      });
    }
  });
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id)) throw new AccountsConfigError(`${where(index, entry)}: id "${entry.id}" is used twice`);
    seen.add(entry.id);
  });
  if (entries.filter((e) => e.kind === "default").length > 1) {
    throw new AccountsConfigError("has more than one entry without roleArn: only one account can use the console's own credentials");
  }
  return entries;
}

/** The accounts of a configuration: DTS_ACCOUNTS, DTS_ACCOUNTS_FILE, or the one `default` account. */
export function accountsFrom(settings: { DTS_ACCOUNTS?: string; DTS_ACCOUNTS_FILE?: string }): AccountEntry[] {
  if (settings.DTS_ACCOUNTS && settings.DTS_ACCOUNTS_FILE) throw new AccountsConfigError("DTS_ACCOUNTS and DTS_ACCOUNTS_FILE are both set: set one");
  if (settings.DTS_ACCOUNTS_FILE) {
    let text: string;
    try {
      text = fs.readFileSync(settings.DTS_ACCOUNTS_FILE, "utf8");
    } catch (error) {
      throw new AccountsConfigError(`cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
    return parseAccounts(text);
  }
  if (settings.DTS_ACCOUNTS) return parseAccounts(settings.DTS_ACCOUNTS);
  return [{ id: DEFAULT_ACCOUNT, name: "Default", kind: "default" }];
}
