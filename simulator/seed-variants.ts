// The `variants` seed: tasks whose replies take the sparse and variant shapes DTS's loose typing
// allows, none of them the common case. They live in their own region (cn-guangzhou, one of the
// documented regions: https://www.alibabacloud.com/help/en/dts/developer-reference/supported-regions)
// so the default seed's pages stay exactly as they are, and a list of that region shows them all.
//
// - ReverseJob: {} and ReverseJob: null on one-way items (DTS documents the object as "returned
//   only for two-way" tasks: https://www.alibabacloud.com/help/en/dts/developer-reference/api-describedtsjobs);
// - empty endpoints (SourceEndpoint {}, DestinationEndpoint null);
// - TagList entries;
// - PayType PREPAY/POSTPAY beside PrePaid/PostPaid (Terraform's provider maps both spellings);
// - string scalars: Success "true", counts, Delay and MigrationMode booleans as strings;
// - one item without DtsInstanceID, which a client cannot key: it must report it, not drop the page.

import type { InstanceRecord, ItemShape } from "./model";
import { buildInstance, type TaskSpec } from "./seed-builder";
import { rdsMysql, polarDbMysql } from "./seed-catalog";

export const VARIANT_REGION = "cn-guangzhou";

const GZ = VARIANT_REGION;

interface VariantFixture {
  spec: TaskSpec;
  shape: ItemShape;
}

const VARIANT_SPECS = {
  reverseEmpty: {
    spec: {
      region: GZ, jobType: "SYNC", name: "gz-orders-reverse-empty", jobId: "g1v2a3r4e5m6p7t", status: "Synchronizing",
      createTime: "2026-06-20T01:00:00Z", payType: "PostPaid", jobClass: "medium", delaySeconds: 4,
      source: rdsMysql(GZ, "gzq1w2e3r4t5y", "orders"), destination: polarDbMysql(GZ, "gzpa1b2c3d4e5", "orders"), databases: ["orders"],
    },
    shape: { reverseJob: "empty", tags: [{ TagKey: "env", TagValue: "prod" }, { TagKey: "team", TagValue: "orders" }], payTypeSpelling: "POSTPAY" },
  },
  reverseNull: {
    spec: {
      region: GZ, jobType: "SYNC", name: "gz-audit-reverse-null", jobId: "g2v3n4u5l6l7x8y", status: "Synchronizing",
      createTime: "2026-06-19T01:00:00Z", payType: "PrePaid", jobClass: "small", delaySeconds: 7,
      source: rdsMysql(GZ, "gzz9x8c7v6b5n", "audit"), destination: polarDbMysql(GZ, "gzpm1n2b3v4c5", "audit"), databases: ["audit"],
    },
    shape: { reverseJob: "null", payTypeSpelling: "PREPAY", stringScalars: true },
  },
  emptyEndpoints: {
    spec: {
      region: GZ, jobType: "SYNC", name: "gz-catalog-sparse", jobId: "g3v4s5p6a7r8s9e", status: "Failed",
      createTime: "2026-06-18T01:00:00Z", payType: "PostPaid", jobClass: "small",
      source: rdsMysql(GZ, "gzk1j2h3g4f5d", "catalog"), destination: polarDbMysql(GZ, "gzpq9w8e7r6t5", "catalog"), databases: ["catalog"],
      errorMessage: "DTS-070211: Connect Source DB failed.",
    },
    shape: { emptyEndpoints: true, tags: [] },
  },
  twoWayTagged: {
    spec: {
      region: GZ, jobType: "SYNC", name: "gz-member-two-way", jobId: "g4v5t6w7o8w9a0y", status: "Synchronizing",
      createTime: "2026-06-17T01:00:00Z", payType: "PrePaid", jobClass: "large", delaySeconds: 1,
      source: rdsMysql(GZ, "gzm1e2m3b4e5r", "member"), destination: rdsMysql(GZ, "gzm6e7m8b9e0r", "member"), databases: ["member"],
      reverse: { jobId: "g5v6r7e8v9e0r1s", status: "Synchronizing", delaySeconds: 2 },
    },
    shape: { tags: [{ TagKey: "owner", TagValue: "会员中心" }], payTypeSpelling: "PREPAY" },
  },
  noInstanceId: {
    spec: {
      region: GZ, jobType: "SYNC", name: "gz-unkeyed-item", jobId: "g6v7n8o9i0d1z2q", status: "Synchronizing",
      createTime: "2026-06-16T01:00:00Z", payType: "PostPaid", jobClass: "small", delaySeconds: 0,
      source: rdsMysql(GZ, "gzu1n2k3e4y5e", "ledger"), destination: polarDbMysql(GZ, "gzpu6n7k8e9y0", "ledger"), databases: ["ledger"],
    },
    shape: { omitInstanceId: true },
  },
} as const satisfies Record<string, VariantFixture>;

export type VariantFixtureName = keyof typeof VARIANT_SPECS;

/** The variant tasks' IDs and meaning, for tests. */
export const VARIANT_FIXTURES: Readonly<Record<VariantFixtureName, { region: string; jobId: string; instanceId: string; name: string; shape: ItemShape; reverseJobId?: string }>> =
  Object.fromEntries(
    Object.entries(VARIANT_SPECS).map(([key, { spec, shape }]) => [
      key,
      { region: spec.region, jobId: spec.jobId, instanceId: `dts${spec.jobId}`, name: spec.name, shape, ...("reverse" in spec ? { reverseJobId: spec.reverse.jobId } : {}) },
    ]),
  ) as Record<VariantFixtureName, { region: string; jobId: string; instanceId: string; name: string; shape: ItemShape; reverseJobId?: string }>;

export function variantTaskIds(): string[] {
  return Object.values(VARIANT_SPECS).flatMap(({ spec }) => ("reverse" in spec ? [spec.jobId, spec.reverse.jobId] : [spec.jobId]));
}

/** Fresh records for the variant tasks. */
export function buildVariantInstances(): InstanceRecord[] {
  return Object.values(VARIANT_SPECS).map(({ spec, shape }) => ({ ...buildInstance(spec as TaskSpec), shape: structuredClone(shape) as ItemShape }));
}
