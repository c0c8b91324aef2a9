import "server-only";
// The one context every use case takes: the store, the DTS clients by account, the clock, the
// logger and the settings that shape the guarded operations. Route handlers and background jobs
// get the process's context from `getConsoleContext()`; tests build one with `createContext` over
// a real simulator and a real store, so nothing in a use case reaches for a singleton.
import type { AuditStore } from "@/lib/db/store";
import { getStore } from "@/lib/db/connection";
import { getConfig } from "@/lib/config/env";
import { logger } from "@/lib/log";
import type { DtsClient } from "@/lib/dts/operations";
import { getAccountRegistry, singleAccount, type AccountRegistry } from "@/lib/accounts/registry";
import type { WebhookOptions, WebhookTarget } from "@/lib/approvals/webhook";

export type Logger = typeof logger;

export interface ApprovalSettings {
  /** RESET_APPROVAL=required. */
  required: boolean;
  ttlHours: number;
  webhook: WebhookTarget | null;
  webhookOptions?: WebhookOptions;
}

export interface BulkSettings {
  /** BULK_RESET_CALLS_PER_SECOND: ResetDtsJob calls per second per account, across bulks and instances. */
  callsPerSecond: number;
  /** BULK_LEASE_MS: how long a bulk's worker holds it without renewing; a survivor takes over after. */
  leaseMs: number;
}

export interface ConsoleSettings {
  approval: ApprovalSettings;
  bulk: BulkSettings;
  /** How long "the task still shows its old state" proves nothing after a call (RECONCILE_SETTLE_MS). */
  settleMs: number;
}

export interface ConsoleContext {
  store: AuditStore;
  accounts: AccountRegistry;
  now(): Date;
  log: Logger;
  settings: ConsoleSettings;
}

/** The DTS client of the account a task lives in (every DTS call names its account). */
export function dtsFor(ctx: Pick<ConsoleContext, "accounts">, account: string): DtsClient {
  return ctx.accounts.client(account);
}

export const DEFAULT_SETTINGS: ConsoleSettings = {
  approval: { required: false, ttlHours: 24, webhook: null },
  bulk: { callsPerSecond: 1, leaseMs: 30_000 },
  settleMs: 5 * 60_000,
};

/** A context from parts: a registry, or one client that becomes the `default` account. */
export function createContext(parts: {
  store: AuditStore;
  accounts?: AccountRegistry;
  client?: DtsClient;
  now?: () => Date;
  log?: Logger;
  settings?: Partial<ConsoleSettings>;
}): ConsoleContext {
  const accounts = parts.accounts ?? (parts.client ? singleAccount(parts.client) : null);
  if (!accounts) throw new TypeError("createContext needs accounts or a client");
  return {
    store: parts.store,
    accounts,
    now: parts.now ?? (() => new Date()),
    log: parts.log ?? logger,
    settings: { ...DEFAULT_SETTINGS, ...parts.settings },
  };
}

export function settingsFromConfig(): ConsoleSettings {
  const config = getConfig();
  return {
    approval: {
      required: config.RESET_APPROVAL === "required",
      ttlHours: config.RESET_APPROVAL_TTL_HOURS,
      webhook: config.APPROVAL_WEBHOOK_URL ? { url: config.APPROVAL_WEBHOOK_URL, secret: config.APPROVAL_WEBHOOK_SECRET ?? null } : null,
    },
    bulk: { callsPerSecond: config.BULK_RESET_CALLS_PER_SECOND, leaseMs: config.BULK_LEASE_MS },
    settleMs: config.RECONCILE_SETTLE_MS,
  };
}

/** The process's accounts, built on first use (a public route never needs them). */
const processAccounts: AccountRegistry = {
  get accounts() {
    return getAccountRegistry().accounts;
  },
  get defaultAccount() {
    return getAccountRegistry().defaultAccount;
  },
  client: (account) => getAccountRegistry().client(account),
};

/** The process's context: its store (opened once), its accounts, the real clock. */
export async function getConsoleContext(): Promise<ConsoleContext> {
  return createContext({ store: await getStore(), accounts: processAccounts, settings: settingsFromConfig() });
}
