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

export type Logger = typeof logger;

export interface ApprovalSettings {
  /** RESET_APPROVAL=required. */
  required: boolean;
  ttlHours: number;
}

export interface NotifySettings {
  /** CONSOLE_PUBLIC_ORIGIN (else http://HOST:PORT): every message links to a page under it. */
  consoleOrigin: string;
  /** NOTIFY_TIMEOUT_MS: one post, connect to answer. */
  timeoutMs: number;
  /** NOTIFY_ALLOW_LOOPBACK: tests and the demo post to receivers on 127.0.0.1. */
  allowLoopback: boolean;
  /** NOTIFY_RETRY_BASE_MS: the first retry's delay; each next one doubles (to an hour), with jitter. */
  retryBaseMs: number;
  /** How long a delivery is tried before it is given up as failed. */
  retryForMs: number;
  /** NOTIFY_SECRET_KEY (seals) and NOTIFY_SECRET_KEY_PREVIOUS (still opens), 32 bytes each. */
  keys: { current: Buffer | null; previous: Buffer | null };
  /** APPROVAL_WEBHOOK_URL and APPROVAL_WEBHOOK_SECRET: the configuration's own webhook channel. */
  configChannel: { url: string; secret: string | null } | null;
}

export interface BulkSettings {
  /** BULK_RESET_CALLS_PER_SECOND: ResetDtsJob calls per second per account, across bulks and instances. */
  callsPerSecond: number;
  /** BULK_LEASE_MS: how long a bulk's worker holds it without renewing; a survivor takes over after. */
  leaseMs: number;
}

export interface ConsoleSettings {
  approval: ApprovalSettings;
  notify: NotifySettings;
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
  approval: { required: false, ttlHours: 24 },
  notify: {
    consoleOrigin: "http://127.0.0.1:3000",
    timeoutMs: 10_000,
    allowLoopback: false,
    retryBaseMs: 30_000,
    retryForMs: 24 * 3_600_000,
    keys: { current: null, previous: null },
    configChannel: null,
  },
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
    },
    notify: {
      consoleOrigin: config.CONSOLE_PUBLIC_ORIGIN ?? `http://${config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST}:${config.PORT}`,
      timeoutMs: config.NOTIFY_TIMEOUT_MS,
      allowLoopback: config.NOTIFY_ALLOW_LOOPBACK,
      retryBaseMs: config.NOTIFY_RETRY_BASE_MS,
      retryForMs: DEFAULT_SETTINGS.notify.retryForMs,
      keys: { current: config.NOTIFY_SECRET_KEY ?? null, previous: config.NOTIFY_SECRET_KEY_PREVIOUS ?? null },
      configChannel: config.APPROVAL_WEBHOOK_URL ? { url: config.APPROVAL_WEBHOOK_URL, secret: config.APPROVAL_WEBHOOK_SECRET ?? null } : null,
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
