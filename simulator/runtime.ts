// Everything a running simulator holds: configuration, each account's DTS state, the STS roles and
// the keys they issued, faults, call log, nonces and the rate limiter, plus the operations that
// change them (used by both the in-process control object and the /__sim/ HTTP API).

import {
  applyConfigPatch,
  DEFAULT_ACCOUNT_ID,
  configPatchSchema,
  defaultAccessKeys,
  initialRuntimeConfig,
  resetOverridesSchema,
  type ResetOverrides,
  type RuntimeConfig,
  type SimulatorOptions,
} from "./config";
import { AccountBook } from "./accounts";
import { CallLog, type CallRecord, type NewCallRecord } from "./call-log";
import { FaultRegistry } from "./faults";
import { HoldRegistry } from "./holds";
import { SlidingWindowLimiter } from "./rate-limit";
import { InMemoryNonceStore } from "./signing/nonce-store";
import type { AccessKeyRecord } from "./signing/types";
import type { DtsState } from "./state";
import { StsCredentialStore } from "./sts/credentials";
import { RoleBook } from "./sts/roles";

export class SimulatorRuntime {
  config: RuntimeConfig;
  readonly accounts: AccountBook;
  readonly roles: RoleBook;
  /** Temporary keys issued by AssumeRole; forgotten by a control reset. */
  readonly stsCredentials = new StsCredentialStore();
  readonly faults = new FaultRegistry();
  readonly holds = new HoldRegistry();
  readonly calls = new CallLog();
  readonly limiter = new SlidingWindowLimiter();
  nonces: InMemoryNonceStore;
  readonly now: () => number;
  private readonly keys: ReadonlyMap<string, AccessKeyRecord>;
  private readonly writeLog: (line: string) => void;

  constructor(private readonly options: SimulatorOptions = {}) {
    this.config = initialRuntimeConfig(options);
    this.now = options.now ?? Date.now;
    this.keys = new Map((options.accessKeys ?? defaultAccessKeys()).map((k) => [k.accessKeyId, k]));
    this.roles = new RoleBook(options.roles);
    const defaultAccount = options.defaultAccount ?? DEFAULT_ACCOUNT_ID;
    const named = [...Object.values(options.accounts ?? {}), ...this.roles.list().map((r) => r.account)];
    this.accounts = new AccountBook(defaultAccount, named, options.accountSeeds ?? {}, options.seed);
    this.nonces = InMemoryNonceStore.forTimestampWindow(this.config.timestampWindowSeconds);
    this.writeLog = typeof options.log === "function" ? options.log : (line) => process.stderr.write(`${line}\n`);
    for (const fault of options.faults ?? []) this.faults.add(fault);
  }

  accessKeyIds(): string[] {
    return [...this.keys.keys()];
  }

  get defaultAccount(): string {
    return this.accounts.defaultAccount;
  }

  /**
   * The account a key belongs to: its tasks are the ones the key sees, and the rate limit is per
   * account, not per key. An STS key belongs to its role's account.
   */
  accountOf(accessKeyId: string): string {
    return this.stsCredentials.lookup(accessKeyId)?.account ?? this.options.accounts?.[accessKeyId] ?? this.defaultAccount;
  }

  /** accountOf for a key the simulator knows; null for any other (what the call log shows). */
  knownAccountOf(accessKeyId: string | null): string | null {
    return accessKeyId !== null && this.lookupKey(accessKeyId) ? this.accountOf(accessKeyId) : null;
  }

  /** The DTS state of one account (default: the default account); throws UnknownAccountError. */
  stateOf(account?: string): DtsState {
    return this.accounts.state(account);
  }

  /** The configured keys, then the ones AssumeRole issued (with their tokens and expiry). */
  lookupKey(accessKeyId: string): AccessKeyRecord | undefined {
    return this.keys.get(accessKeyId) ?? this.stsCredentials.lookup(accessKeyId);
  }

  /** Validates and applies a configuration change; throws a ZodError on invalid input. */
  updateConfig(patch: unknown): RuntimeConfig {
    const parsed = configPatchSchema.parse(patch ?? {});
    const previousWindow = this.config.timestampWindowSeconds;
    this.config = applyConfigPatch(this.config, parsed);
    // The nonce store's retention depends on the window; a new window starts a new store.
    if (this.config.timestampWindowSeconds !== previousWindow) {
      this.nonces = InMemoryNonceStore.forTimestampWindow(this.config.timestampWindowSeconds);
    }
    return { ...this.config };
  }

  /**
   * Back to the start: every account's seed state, the start-up configuration plus `overrides`,
   * and no faults, calls, nonces, rate-limit history or issued STS keys. Start-up faults are not
   * re-armed: a reset means a clean slate.
   * Held calls are released first, against the old state, so none hangs and none acts on the seed.
   */
  reset(overrides: ResetOverrides | undefined = {}): RuntimeConfig {
    const { seed, ...patch } = resetOverridesSchema.parse(overrides ?? {});
    this.holds.releaseAll();
    this.config = applyConfigPatch(initialRuntimeConfig(this.options), patch);
    this.accounts.restore(seed);
    this.stsCredentials.clear();
    this.faults.clear();
    this.calls.clear();
    this.limiter.clear();
    this.nonces = InMemoryNonceStore.forTimestampWindow(this.config.timestampWindowSeconds);
    return { ...this.config };
  }

  recordCall(record: NewCallRecord): CallRecord {
    const stored = this.calls.add(record);
    if (this.config.log) {
      const fault = stored.fault ? ` fault=${stored.fault}` : "";
      const account = stored.account === null || stored.account === this.defaultAccount ? "" : ` account=${stored.account}`;
      this.writeLog(
        `[dts-sim] #${stored.seq} ${stored.action ?? "-"} ${stored.scheme ?? "-"} ${stored.verdict} ${stored.httpStatus ?? "-"} ${stored.code ?? ""}${fault}${account}`.trimEnd(),
      );
    }
    return stored;
  }
}
