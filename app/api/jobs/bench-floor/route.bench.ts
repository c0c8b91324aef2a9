// GET /api/jobs/bench-floor – the benchmark's floor (issue 26), compiled ONLY into the benchmark's
// build: next.config.js adds the `bench.ts` page extension when BENCH_FLOOR=1 (bench/lib/server.ts
// buildApp sets it), so a production build never sees this file. It is the least a Next.js route
// handler can do for the task list: the same signed DescribeDtsJobs, through the same SDK client
// the console's transport builds (lib/dts/transport.ts), answered with DTS's JSON unchanged. No
// session, no validation, no quota gate, no mapping, no security headers: what GET /api/jobs costs
// above this is the console's own.
//
// It sits under /api/jobs/ so that proxy.ts's matcher skips it exactly as it skips the console's
// routes (`jobs/[^/]+`); in a production build the same address is simply the task detail route's.
import OpenApi, { $OpenApiUtil } from "@alicloud/openapi-core";
import Credential, { Config as CredentialConfig } from "@alicloud/credentials";
import * as $dara from "@darabonba/typescript";
import { getConfig } from "@/lib/config/env";
import { DTS_API_VERSION } from "@/lib/dts/transport";

export const runtime = "nodejs";

let client: OpenApi | null = null;

/** One client for the process (the simulator's endpoint), as the console's transport keeps one per endpoint. */
function clientFor(regionId: string, endpoint: URL): OpenApi {
  if (client) return client;
  const config = getConfig();
  client = new OpenApi(
    new $OpenApiUtil.Config({
      credential: new Credential(
        new CredentialConfig({ type: "access_key", accessKeyId: config.SIMULATOR_ACCESS_KEY_ID, accessKeySecret: config.SIMULATOR_ACCESS_KEY_SECRET }),
      ),
      endpoint: endpoint.host,
      protocol: endpoint.protocol === "http:" ? "http" : "https",
      regionId,
      connectTimeout: config.DTS_CONNECT_TIMEOUT_MS,
      readTimeout: config.DTS_READ_TIMEOUT_MS,
    }),
  );
  return client;
}

export async function GET(request: Request): Promise<Response> {
  const config = getConfig();
  // Signs with the simulator's keys only, never a live account's, whatever the build.
  if (config.DTS_MODE !== "simulator" || !config.DTS_ENDPOINT) return new Response(null, { status: 404 });
  const search = new URL(request.url).searchParams;
  const region = search.get("region") ?? "cn-hangzhou";
  const result = (await clientFor(region, new URL(config.DTS_ENDPOINT)).callApi(
    new $OpenApiUtil.Params({
      action: "DescribeDtsJobs",
      version: DTS_API_VERSION,
      protocol: "HTTPS",
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    }),
    new $OpenApiUtil.OpenApiRequest({
      query: {
        Region: region,
        JobType: search.get("type") === "subscribe" ? "SUBSCRIBE" : "SYNC",
        PageNumber: search.get("page") ?? "1",
        PageSize: search.get("pageSize") ?? "20",
      },
    }),
    new $dara.RuntimeOptions({ autoretry: false, connectTimeout: config.DTS_CONNECT_TIMEOUT_MS, readTimeout: config.DTS_READ_TIMEOUT_MS }),
  )) as { statusCode?: number; body?: unknown };
  return Response.json(result.body ?? {}, { status: result.statusCode ?? 200 });
}
