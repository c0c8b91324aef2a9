// A signed DescribeDtsJobs call straight to the simulator, made exactly the way the console's
// server makes it (lib/dts/transport.ts: same SDK, same Params, V3 signature, no SDK retries).
// lib/dts itself cannot be imported here: its modules `import "server-only"`, which throws outside
// a React Server environment. Every call gets a fresh nonce and timestamp from the SDK.
import OpenApi, { $OpenApiUtil } from "@alicloud/openapi-core";
import Credential, { Config as CredentialConfig } from "@alicloud/credentials";
import * as $dara from "@darabonba/typescript";
import { DEFAULT_SIMULATOR_ACCESS_KEY_ID, DEFAULT_SIMULATOR_ACCESS_KEY_SECRET } from "../../simulator/index";
import { dtsSdkParams } from "../../tests/support-dts-sdk";

export interface DirectAnswer {
  httpStatus: number;
  body: Record<string, unknown>;
}

export type DirectCaller = (query: Record<string, string>) => Promise<DirectAnswer>;

/** Same request shape as lib/dts/transport.ts paramsFor("DescribeDtsJobs"). */
const DESCRIBE_DTS_JOBS = dtsSdkParams("DescribeDtsJobs");

/** The key pair the console signs with in simulator mode (SIMULATOR_ACCESS_KEY_ID / SIMULATOR_ACCESS_KEY_SECRET in lib/config/env.ts). */
function simulatorKeys(env: NodeJS.ProcessEnv = process.env) {
  return {
    accessKeyId: env.SIMULATOR_ACCESS_KEY_ID || DEFAULT_SIMULATOR_ACCESS_KEY_ID,
    accessKeySecret: env.SIMULATOR_ACCESS_KEY_SECRET || DEFAULT_SIMULATOR_ACCESS_KEY_SECRET,
  };
}

export function createDirectCaller(simulatorUrl: string, region = "cn-hangzhou"): DirectCaller {
  const url = new URL(simulatorUrl);
  const keys = simulatorKeys();
  const client = new OpenApi(
    new $OpenApiUtil.Config({
      credential: new Credential(new CredentialConfig({ type: "access_key", ...keys })),
      endpoint: url.host,
      protocol: url.protocol === "http:" ? "http" : "https",
      regionId: region,
      connectTimeout: 5_000,
      readTimeout: 15_000,
    }),
  );
  const runtime = new $dara.RuntimeOptions({ autoretry: false, connectTimeout: 5_000, readTimeout: 15_000 });
  return async (query) => {
    const result = (await client.callApi(DESCRIBE_DTS_JOBS, new $OpenApiUtil.OpenApiRequest({ query }), runtime)) as {
      statusCode?: number;
      body?: unknown;
    };
    return { httpStatus: result.statusCode ?? 200, body: (result.body ?? {}) as Record<string, unknown> };
  };
}

/** DescribeDtsJobs parameters for what `GET /api/jobs?region=&type=sync&page=&pageSize=&q=` asks. */
export function listQuery(input: { region: string; page: number; pageSize: number; name?: string }): Record<string, string> {
  const query: Record<string, string> = {
    Region: input.region,
    JobType: "SYNC",
    PageNumber: String(input.page),
    PageSize: String(input.pageSize),
  };
  if (input.name) Object.assign(query, { Type: "name", Params: input.name });
  return query;
}
