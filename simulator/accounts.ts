// The Alibaba Cloud accounts the simulator plays, each with its own DTS state. A call acts on the
// state of the account its (verified) key belongs to, as at Alibaba: a key never sees another
// account's tasks. Accounts without a seed of their own hold a copy of the default seed, so a
// simulator with one account behaves as it always did.

import type { InstanceRecord } from "./model";
import { buildSeed, type SeedOptions } from "./seed";
import { DtsState } from "./state";

/** An account the simulator does not hold (control API input); the control API answers 400. */
export class UnknownAccountError extends RangeError {
  constructor(readonly account: string) {
    super(`No account ${account}.`);
  }
}

export interface AccountSummary {
  account: string;
  /** The account the control API means when none is named (and unlisted keys belong to). */
  isDefault: boolean;
  /** Whether the account has a seed of its own (`accountSeeds`) rather than a copy of the default. */
  ownSeed: boolean;
  instances: number;
  regions: string[];
}

export class AccountBook {
  private readonly states = new Map<string, DtsState>();
  private defaultSeedRecords: InstanceRecord[];
  private readonly ownSeedRecords = new Map<string, InstanceRecord[]>();

  constructor(
    readonly defaultAccount: string,
    accountIds: Iterable<string>,
    ownSeeds: Readonly<Record<string, SeedOptions>>,
    defaultSeed: SeedOptions | undefined,
  ) {
    this.defaultSeedRecords = buildSeed(defaultSeed);
    for (const [account, seed] of Object.entries(ownSeeds)) this.ownSeedRecords.set(account, buildSeed(seed));
    for (const account of new Set([defaultAccount, ...accountIds, ...Object.keys(ownSeeds)])) {
      // DtsState takes ownership of its records: every account gets its own copy.
      this.states.set(account, new DtsState(structuredClone(this.seedOf(account))));
    }
  }

  private seedOf(account: string): InstanceRecord[] {
    return this.ownSeedRecords.get(account) ?? this.defaultSeedRecords;
  }

  ids(): string[] {
    return [...this.states.keys()];
  }

  has(account: string): boolean {
    return this.states.has(account);
  }

  /** The account's state; the default account's when `account` is undefined. Throws UnknownAccountError. */
  state(account: string | undefined = this.defaultAccount): DtsState {
    const state = this.states.get(account);
    if (!state) throw new UnknownAccountError(account);
    return state;
  }

  summaries(): AccountSummary[] {
    return [...this.states.entries()].map(([account, state]) => ({
      account,
      isDefault: account === this.defaultAccount,
      ownSeed: this.ownSeedRecords.has(account),
      instances: state.instanceCount,
      regions: state.regions(),
    }));
  }

  /** Every account back to its seed; `defaultSeed` first replaces the default seed (control reset's `seed`). */
  restore(defaultSeed?: SeedOptions): void {
    if (defaultSeed) this.defaultSeedRecords = buildSeed(defaultSeed);
    for (const [account, state] of this.states) state.restore(this.seedOf(account));
  }
}
