// Everything a running simulator holds: configuration, DTS state, faults, call log, nonces and the
// rate limiter, plus the operations that change them (used by both the in-process control object
// and the /__sim/ HTTP API).

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
import { CallLog, type CallRecord, type NewCallRecord } from "./call-log";
import { FaultRegistry } from "./faults";
import { HoldRegistry } from "./holds";
import type { InstanceRecord } from "./model";
import { SlidingWindowLimiter } from "./rate-limit";
import { buildSeed } from "./seed";
import { InMemoryNonceStore } from "./signing/nonce-store";
import type { AccessKeyRecord } from "./signing/types";
import { DtsState } from "./state";

export class SimulatorRuntime {
  config: RuntimeConfig;
  readonly state: DtsState;
  readonly faults = new FaultRegistry();
  readonly holds = new HoldRegistry();
  readonly calls = new CallLog();
  readonly limiter = new SlidingWindowLimiter();
  nonces: InMemoryNonceStore;
  readonly now: () => number;
  private readonly keys: ReadonlyMap<string, AccessKeyRecord>;
  private seedRecords: InstanceRecord[];
  private readonly writeLog: (line: string) => void;

  constructor(private readonly options: SimulatorOptions = {}) {
    this.config = initialRuntimeConfig(options);
    this.now = options.now ?? Date.now;
    this.keys = new Map((options.accessKeys ?? defaultAccessKeys()).map((k) => [k.accessKeyId, k]));
    this.seedRecords = buildSeed(options.seed);
    this.state = new DtsState(structuredClone(this.seedRecords));
    this.nonces = InMemoryNonceStore.forTimestampWindow(this.config.timestampWindowSeconds);
    this.writeLog = typeof options.log === "function" ? options.log : (line) => process.stderr.write(`${line}\n`);
    for (const fault of options.faults ?? []) this.faults.add(fault);
  }

  accessKeyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** The account a key belongs to: the rate limit is per account, not per key. */
  accountOf(accessKeyId: string): string {
    return this.options.accounts?.[accessKeyId] ?? DEFAULT_ACCOUNT_ID;
  }

  lookupKey(accessKeyId: string): AccessKeyRecord | undefined {
    return this.keys.get(accessKeyId);
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
   * Back to the start: the seed state, the start-up configuration plus `overrides`, and no faults,
   * calls, nonces or rate-limit history. Start-up faults are not re-armed: a reset means a clean slate.
   * Held calls are released first, against the old state, so none hangs and none acts on the seed.
   */
  reset(overrides: ResetOverrides | undefined = {}): RuntimeConfig {
    const { seed, ...patch } = resetOverridesSchema.parse(overrides ?? {});
    this.holds.releaseAll();
    if (seed) this.seedRecords = buildSeed(seed);
    this.config = applyConfigPatch(initialRuntimeConfig(this.options), patch);
    this.state.restore(this.seedRecords);
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
      this.writeLog(
        `[dts-sim] #${stored.seq} ${stored.action ?? "-"} ${stored.scheme ?? "-"} ${stored.verdict} ${stored.httpStatus ?? "-"} ${stored.code ?? ""}${fault}`.trimEnd(),
      );
    }
    return stored;
  }
}
