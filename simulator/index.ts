// The DTS API simulator: a node:http server that answers DescribeDtsJobs, DescribeDtsJobDetail and
// ResetDtsJob like Alibaba Cloud DTS (API 2020-01-01), with signature checks, a deterministic
// seed, fault injection and a control API; several accounts each with their own tasks, and STS
// AssumeRole (2015-04-01) handing out temporary keys for them. Start it in-process with startSimulator(), or from the
// shell with `npm run simulator -- --port 4010`.

import type { AddressInfo } from "node:net";
import { DEFAULT_HOST, type SimulatorOptions } from "./config";
import { createControl, type SimulatorControl } from "./control";
import { SimulatorRuntime } from "./runtime";
import { createSimulatorServer } from "./server";

export interface RunningSimulator {
  /** Base URL, e.g. "http://127.0.0.1:4010" (what DTS_ENDPOINT takes). */
  url: string;
  /** "host:port", the form @alicloud/openapi-core's `endpoint` takes (with protocol "http"). */
  endpoint: string;
  host: string;
  port: number;
  /** The AccessKeyIds the simulator accepts at start-up (never the secrets; STS keys come later). */
  accessKeyIds: string[];
  /** Every account the simulator holds; `defaultAccount` is the one the control API means by default. */
  accounts: string[];
  defaultAccount: string;
  /** The same operations as the /__sim/ HTTP API, in process. */
  control: SimulatorControl;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const runtime = new SimulatorRuntime(options);
  const control = createControl(runtime);
  const { server, close } = createSimulatorServer(runtime, control);
  const host = options.host ?? DEFAULT_HOST;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    endpoint: `${urlHost}:${port}`,
    host,
    port,
    accessKeyIds: runtime.accessKeyIds(),
    accounts: runtime.accounts.ids(),
    defaultAccount: runtime.defaultAccount,
    control,
    close,
  };
}

export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_SIMULATOR_ACCESS_KEY_ID,
  DEFAULT_SIMULATOR_ACCESS_KEY_SECRET,
  type ConfigPatch,
  type ResetOverrides,
  type RuntimeConfig,
  type SimulatorOptions,
} from "./config";
export { SEED_FIXTURES, seedFixturesFor, type SeedFixture, type SeedFixtureName } from "./seed-fixtures";
export { DEMO_FLEET, demoFleetOptions } from "./fleet";
export type { AccountSummary } from "./accounts";
export { STS_API_VERSION } from "./sts/assume-role";
export type { IssuedCredentialView } from "./sts/credentials";
export type { Role, RoleSpec } from "./sts/roles";
export { VARIANT_FIXTURES, VARIANT_REGION, type VariantFixtureName } from "./seed-variants";
export { buildSeed, SEED_REGIONS, type SeedOptions } from "./seed";
export type { CallRecord, CallVerdict } from "./call-log";
export type { SimulatorControl, JobStatusChange } from "./control";
export { FAULT_KINDS, FAULT_ACTIONS, type ActiveFault, type FaultSpec, type FaultKind, type FaultAction } from "./faults";
export { HOLD_RUN_AT, type ActiveHold, type HeldCall, type HoldSpec, type HoldRunAt } from "./holds";
export type { BusinessErrorStyle } from "./replies";
export type { InstanceRecord, JobRecord, Endpoint, JobType, Direction, ItemShape } from "./model";
export type { ResetLag } from "./state";
export type { DetailDelayUnit, PageSizeSet, ResetRefusalConfig, TwoWayResetEffect } from "./config";
export type { AccessKeyRecord } from "./signing/types";
