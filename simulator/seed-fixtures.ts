// Seed tasks with FIXED IDs that tests and demos can rely on. Everything else in the seed is
// generated (seed.ts); these are written out by hand so their meaning is obvious.

import type { JobType } from "./model";
import { createPrng, randomJobId } from "./prng";
import type { TaskSpec } from "./seed-builder";
import { DTS_ERROR_MESSAGES, ecsMysql, kafka, polarDbMysql, rdsMysql, selfManagedMysql } from "./seed-catalog";

export interface SeedFixture {
  region: string;
  jobId: string;
  instanceId: string;
  name: string;
  jobType: JobType;
  status: string;
  reverseJobId?: string;
  reverseStatus?: string;
}

const HZ = "cn-hangzhou";
const SH = "cn-shanghai";
const SG = "ap-southeast-1";

const LONG_NAME =
  "sg-prod-ecommerce-platform-orders-and-payments-realtime-replication-from-rds-mysql-primary-to-polardb-analytics-cluster-v2";

export const FIXTURE_SPECS = {
  oneWayRunning: {
    region: HZ, jobType: "SYNC", name: "orders-rds-to-polardb", jobId: "l3m1213ye7l3k2j", status: "Synchronizing",
    createTime: "2025-03-14T02:11:45Z", payType: "PostPaid", jobClass: "medium", delaySeconds: 1,
    source: rdsMysql(HZ, "62kryivb8a3c5", "orders"), destination: polarDbMysql(HZ, "9x0ab1cd2ef3g", "orders"),
    databases: ["orders"],
    // Latency and error alerts on, with phones: what the reset must keep and the reconfiguration replay.
    alerts: { delay: { seconds: 60, phones: ["13800138000", "13900139000"] }, error: { phones: ["13700137000"] } },
  },
  twoWayRunning: {
    region: HZ, jobType: "SYNC", name: "member-center-bidirectional", jobId: "p6x7y0c8fz3wq1n", status: "Synchronizing",
    createTime: "2025-01-08T09:30:00Z", payType: "PrePaid", jobClass: "large", delaySeconds: 0,
    source: rdsMysql(HZ, "imrtn6fq7h2k4", "member"), destination: rdsMysql(HZ, "4k9d2s7q1w3e5", "member"),
    databases: ["member"],
    reverse: { jobId: "r4t1y8u2i5o3p9a", status: "Synchronizing", delaySeconds: 2 },
  },
  twoWayReverseFailed: {
    region: SH, jobType: "SYNC", name: "payment-bidirectional-sh", jobId: "q9w8e7r6t5y4u3i", status: "Synchronizing",
    createTime: "2024-11-20T14:05:12Z", payType: "PrePaid", jobClass: "large", delaySeconds: 3,
    source: rdsMysql(SH, "5hq2mz8c0v6b1", "payment"), destination: rdsMysql(SH, "0pq7s3d9f1g4h", "payment"),
    databases: ["payment"],
    reverse: { jobId: "z1x2c3v4b5n6m7k", status: "Failed", errorMessage: DTS_ERROR_MESSAGES.duplicateKey },
  },
  prechecking: {
    region: HZ, jobType: "SYNC", name: "inventory-to-kafka", jobId: "c5v6b7n8m9a0s1d", status: "Prechecking",
    createTime: "2026-06-28T07:45:00Z", payType: "PostPaid", jobClass: "small",
    source: rdsMysql(HZ, "7u8i9o0p1a2s3", "inventory"), destination: kafka(HZ, "7pp2bz47x00d"),
    databases: ["inventory"],
  },
  locked: {
    region: HZ, jobType: "SYNC", name: "billing-dr-sync", jobId: "f2g3h4j5k6l7z8x", status: "Locked",
    createTime: "2024-06-02T18:20:31Z", payType: "PrePaid", jobClass: "medium",
    source: rdsMysql(HZ, "3e4r5t6y7u8i9", "billing"), destination: rdsMysql(HZ, "1q2w3e4r5t6y7", "billing"),
    databases: ["billing"],
  },
  subscribeStarting: {
    region: HZ, jobType: "SUBSCRIBE", name: "coupon-binlog-sub", jobId: "s7d8f9g0h1j2k3l", status: "Starting",
    createTime: "2026-06-29T11:00:00Z", payType: "PostPaid", jobClass: "micro",
    source: rdsMysql(HZ, "8i9o0p1l2k3j4", "coupon"), destination: {},
    databases: ["coupon"],
  },
  notConfigured: {
    region: HZ, jobType: "SYNC", name: "crm-sync-pending", jobId: "n4m5b6v7c8x9z0a", status: "NotConfigured",
    createTime: "2026-05-19T03:14:15Z", payType: "PostPaid", jobClass: "small",
    source: {}, destination: {}, databases: [],
  },
  failedWithError: {
    region: HZ, jobType: "SYNC", name: "logistics-selfhosted-to-rds", jobId: "e1r2t3y4u5i6o7p", status: "Failed",
    createTime: "2025-09-09T09:09:09Z", payType: "PostPaid", jobClass: "medium", delaySeconds: 5_400,
    source: selfManagedMysql(HZ, "47.98.120.33", "3306"), destination: rdsMysql(HZ, "2w3e4r5t6y7u8", "logistics"),
    databases: ["logistics"], errorMessage: DTS_ERROR_MESSAGES.sourceConnect,
  },
  subscribeNormal: {
    region: HZ, jobType: "SUBSCRIBE", name: "orders-cdc", jobId: "u8i9o0p1a2s3d4f", status: "Normal",
    createTime: "2024-08-15T06:00:00Z", payType: "PrePaid", jobClass: "small", delaySeconds: 0,
    source: rdsMysql(HZ, "62kryivb8a3c5", "orders"), destination: {},
    databases: ["orders"], tables: ["order_main", "order_item"],
    alerts: { error: { phones: ["13600136000"] } },
  },
  nonAsciiName: {
    region: HZ, jobType: "SYNC", name: "订单库双向同步-杭州", jobId: "g5h6j7k8l9z0x1c", status: "Synchronizing",
    createTime: "2025-07-01T00:00:00Z", payType: "PrePaid", jobClass: "xlarge", delaySeconds: 0,
    source: rdsMysql(HZ, "6y7u8i9o0p1a2", "orders"), destination: ecsMysql(HZ, "0a1b2c3d4e5f6g7h", "172.16.8.21"),
    databases: ["orders"],
    reverse: { jobId: "v2b3n4m5a6s7d8f", status: "Synchronizing", delaySeconds: 1 },
  },
  longName: {
    region: SG, jobType: "SYNC", name: LONG_NAME, jobId: "j3k4l5z6x7c8v9b", status: "Synchronizing",
    createTime: "2025-12-24T23:59:59Z", payType: "PostPaid", jobClass: "2xlarge", delaySeconds: 12,
    source: rdsMysql(SG, "5t6y7u8i9o0p1", "orders"), destination: polarDbMysql(SG, "3d4f5g6h7j8k9", "analytics"),
    databases: ["orders", "payment"],
  },
  migrationRunning: {
    region: HZ, jobType: "MIGRATION", name: "erp-move-to-cloud", jobId: "m0n9b8v7c6x5z4a", status: "Migrating",
    createTime: "2026-06-27T22:10:00Z", payType: "PostPaid", jobClass: "large",
    source: selfManagedMysql(HZ, "112.124.33.7", "3306"), destination: rdsMysql(HZ, "9o8i7u6y5t4r3", "erp"),
    databases: ["erp"],
  },
} satisfies Record<string, TaskSpec>;

export type SeedFixtureName = keyof typeof FIXTURE_SPECS;

function fixtureOf(spec: TaskSpec): SeedFixture {
  const fixture: SeedFixture = {
    region: spec.region, jobId: spec.jobId, instanceId: `dts${spec.jobId}`, name: spec.name, jobType: spec.jobType, status: spec.status,
  };
  if (spec.reverse) {
    fixture.reverseJobId = spec.reverse.jobId;
    fixture.reverseStatus = spec.reverse.status;
  }
  return fixture;
}

/** FNV-1a: a stable 32-bit number for an account name (the seed's salt). */
export function accountSalt(account: string): number {
  let hash = 0x811c9dc5;
  for (const char of account) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const FIXTURE_ID_SEED = 77_000_077;

/**
 * The fixtures as another account holds them: the same roles (names, statuses, shapes), under job
 * IDs of their own, so a test can tell which account's task a client saw. Without an account (or
 * for none), the fixed IDs above. Deterministic: the IDs depend on the account name only.
 */
export function accountFixtureSpecs(account?: string): Record<SeedFixtureName, TaskSpec> {
  if (account === undefined) return FIXTURE_SPECS;
  const prng = createPrng((FIXTURE_ID_SEED ^ accountSalt(account)) >>> 0);
  const used = new Set(Object.values(FIXTURE_SPECS as Record<string, TaskSpec>).flatMap((s) => (s.reverse ? [s.jobId, s.reverse.jobId] : [s.jobId])));
  const freshId = (): string => {
    for (;;) {
      const id = randomJobId(prng);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  const entries = Object.entries(FIXTURE_SPECS as Record<string, TaskSpec>).map(([key, spec]): [string, TaskSpec] => {
    const copy: TaskSpec = { ...spec, jobId: freshId() };
    if (spec.reverse) copy.reverse = { ...spec.reverse, jobId: freshId() };
    return [key, copy];
  });
  return Object.fromEntries(entries) as Record<SeedFixtureName, TaskSpec>;
}

/** The fixed-ID tasks of an account's seed (`SeedOptions.account`), by role. */
export function seedFixturesFor(account?: string): Readonly<Record<SeedFixtureName, Readonly<SeedFixture>>> {
  return Object.freeze(
    Object.fromEntries(
      Object.entries(accountFixtureSpecs(account)).map(([key, spec]) => [key, Object.freeze(fixtureOf(spec))]),
    ) as Record<SeedFixtureName, SeedFixture>,
  );
}

/** The fixed-ID tasks of the seed, by role. Their state is restored by every simulator reset. */
export const SEED_FIXTURES: Readonly<Record<SeedFixtureName, Readonly<SeedFixture>>> = seedFixturesFor();
