// Shared set-up for the simulator's integration tests: the OFFICIAL client (@alicloud/openapi-core)
// configured exactly as the generated DTS SDK calls these actions, pointed at a local simulator.

import OpenApiModule, { $OpenApiUtil } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import { afterAll, beforeAll, beforeEach } from "vitest";
import {
  DEFAULT_SIMULATOR_ACCESS_KEY_ID,
  DEFAULT_SIMULATOR_ACCESS_KEY_SECRET,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from "@/simulator";
import { dtsSdkParams } from "../support-dts-sdk";

// Under Node's native ESM loader a CommonJS default export arrives wrapped once more.
const OpenApi: typeof OpenApiModule =
  (OpenApiModule as unknown as { default?: typeof OpenApiModule }).default ?? OpenApiModule;

export interface SdkOptions {
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  /** "v3" (ACS3-HMAC-SHA256, the SDK default) or "v1" (HMAC-SHA1). */
  signature?: "v3" | "v1";
  readTimeout?: number;
  connectTimeout?: number;
}

export type DtsAction = "DescribeDtsJobs" | "DescribeDtsJobDetail" | "ResetDtsJob" | (string & {});

export interface DtsResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export interface DtsClient {
  call(action: DtsAction, query?: Record<string, string>, extra?: { version?: string }): Promise<DtsResponse>;
}

export function sdkClient(sim: RunningSimulator, options: SdkOptions = {}): DtsClient {
  const config = new $OpenApiUtil.Config({
    accessKeyId: options.accessKeyId ?? DEFAULT_SIMULATOR_ACCESS_KEY_ID,
    accessKeySecret: options.accessKeySecret ?? DEFAULT_SIMULATOR_ACCESS_KEY_SECRET,
    securityToken: options.securityToken,
    endpoint: sim.endpoint,
    protocol: "http",
    readTimeout: options.readTimeout ?? 5_000,
    connectTimeout: options.connectTimeout ?? 2_000,
  });
  if (options.signature === "v1") config.signatureAlgorithm = "v2";
  const client = new OpenApi(config);
  return {
    async call(action, query = {}, extra = {}) {
      const request = new $OpenApiUtil.OpenApiRequest({ query });
      const response = (await client.callApi(dtsSdkParams(action, extra.version), request, new $dara.RuntimeOptions({}))) as DtsResponse;
      return response;
    },
  };
}

export interface SimulatorHarness {
  /** Started before the first test; closed after the last. */
  readonly sim: RunningSimulator;
  /** The official client, signing with the simulator's default key. */
  readonly client: DtsClient;
}

/**
 * One simulator (started with `options`) for the tests of the file or `describe` block this is
 * called in, with an SDK client on it, put back to its seed before each test by `reset`
 * (`sim.control.reset()` unless given).
 */
export function simulatorPerSuite({
  options,
  reset = (sim) => sim.control.reset(),
}: { options?: SimulatorOptions; reset?: (sim: RunningSimulator) => unknown } = {}): SimulatorHarness {
  const harness = {} as { sim: RunningSimulator; client: DtsClient };
  beforeAll(async () => {
    harness.sim = await startSimulator(options);
    harness.client = sdkClient(harness.sim);
  });
  afterAll(async () => {
    await harness.sim.close();
  });
  beforeEach(async () => {
    await reset(harness.sim);
  });
  return harness;
}

/** Runs `promise` expecting it to reject; returns the error for assertions. */
export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

export type JobItem = Record<string, unknown> & {
  DtsJobId: string;
  DtsInstanceID: string;
  DtsJobName: string;
  Status: string;
  ReverseJob?: Record<string, unknown> & { DtsJobId: string; Status: string };
};

export function jobList(response: DtsResponse): JobItem[] {
  return response.body.DtsJobList as JobItem[];
}

/** Plain HTTP to the control API (unsigned JSON). */
export async function controlFetch(sim: RunningSimulator, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${sim.url}${path}`, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? {} : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
