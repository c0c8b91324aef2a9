import "server-only";
import OpenApi, { $OpenApiUtil } from "@alicloud/openapi-core";
import * as $dara from "@darabonba/typescript";
import type Credential from "@alicloud/credentials";
import { asUnknownOutcome, errorFromAnswer, errorFromThrown } from "./classify";
import { resolveEndpoint, type DtsClientConfig } from "./config";
import { DtsError } from "./errors";
import { DomainError } from "@/lib/domain/errors";
import { withRetries, type RetryPolicy } from "./retry";
import { countDtsCall, type CallResult } from "@/lib/metrics/registry";
import { DEFAULT_ACCOUNT } from "@/lib/domain/task-ref";

export const DTS_API_VERSION = "2020-01-01";

export type DtsAction =
  | "DescribeDtsJobs"
  | "DescribeDtsJobDetail"
  | "ResetDtsJob"
  | "ConfigureDtsJob"
  | "ConfigureSubscription"
  | "StartDtsJob"
  | "DescribePreCheckStatus"
  | "DescribeJobMonitorRule";

/** Actions that change DTS: a failure that may have come after DTS ran one is an unknown outcome. */
const NON_IDEMPOTENT_ACTIONS: ReadonlySet<string> = new Set<DtsAction>(["ResetDtsJob", "ConfigureDtsJob", "ConfigureSubscription", "StartDtsJob"]);

export interface DtsAnswer {
  body: Record<string, unknown>;
  httpStatus: number;
  requestId: string | null;
  attempts: number;
}

export interface DtsTransport {
  /**
   * `body`: parameters sent in the form body instead of the query string (ConfigureDtsJob's DbList
   * and Reserve, as Alibaba's SDK sends them: they may be large).
   */
  call(action: DtsAction, regionId: string, query: Record<string, string>, policy: RetryPolicy, body?: Record<string, string>): Promise<DtsAnswer>;
}

/**
 * The request shape Alibaba's generated DTS SDK uses for every one of these actions. Alike
 * tests/support-dts-sdk.ts on purpose: lib/dts is server-only, and the scripts that use that copy cannot import it.
 */
function paramsFor(action: DtsAction) {
  return new $OpenApiUtil.Params({
    action,
    version: DTS_API_VERSION,
    protocol: "HTTPS",
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
}

function isSuccessFalse(body: Record<string, unknown>): boolean {
  return body.Success === false || (typeof body.Success === "string" && body.Success.toLowerCase() === "false");
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The metrics' result of one attempt that failed: DTS's kind of failure (throttled, timeout, auth, server, ...). */
function resultOf(error: DtsError): CallResult {
  // An attempt's error is never yet an unknown outcome: that is decided after the retries (call()).
  return error.kind === "unknown_outcome" ? "error" : error.kind;
}

export interface TransportOptions {
  sleep?: (ms: number) => Promise<void>;
  /** The account whose calls these are, for the metrics (dts_console_dts_calls_total). */
  account?: string;
}

export function createTransport(config: DtsClientConfig, credential: Credential, options: TransportOptions = {}): DtsTransport {
  const account = options.account ?? DEFAULT_ACCOUNT;
  const clients = new Map<string, OpenApi>();
  const timeouts = { connectTimeoutMs: config.connectTimeoutMs, readTimeoutMs: config.readTimeoutMs };

  function clientFor(regionId: string): OpenApi {
    const endpoint = resolveEndpoint(config, regionId);
    const key = `${endpoint.protocol}://${endpoint.host}`;
    let client = clients.get(key);
    if (!client) {
      client = new OpenApi(
        new $OpenApiUtil.Config({
          credential,
          endpoint: endpoint.host,
          protocol: endpoint.protocol,
          regionId,
          signatureAlgorithm: config.signatureVersion === "v1" ? "v2" : undefined,
          connectTimeout: config.connectTimeoutMs,
          readTimeout: config.readTimeoutMs,
        }),
      );
      clients.set(key, client);
    }
    return client;
  }

  /** One HTTP call, counted in the metrics by its result; a console refusal before sending (AssumeRole) is no call. */
  async function attemptOnce(action: DtsAction, regionId: string, query: Record<string, string>, form?: Record<string, string>): Promise<DtsAnswer> {
    const started = performance.now();
    try {
      const answer = await sendOnce(action, regionId, query, form);
      countDtsCall(account, action, "ok", (performance.now() - started) / 1000);
      return answer;
    } catch (error) {
      if (error instanceof DtsError) countDtsCall(account, action, resultOf(error), (performance.now() - started) / 1000);
      throw error;
    }
  }

  async function sendOnce(action: DtsAction, regionId: string, query: Record<string, string>, form?: Record<string, string>): Promise<DtsAnswer> {
    let result: { statusCode?: number; body?: unknown };
    try {
      result = await clientFor(regionId).callApi(
        paramsFor(action),
        new $OpenApiUtil.OpenApiRequest(form && Object.keys(form).length > 0 ? { query, body: form } : { query }),
        // Retries are ours (withRetries): the SDK's own must stay off so none is ever hidden.
        new $dara.RuntimeOptions({ autoretry: false, connectTimeout: config.connectTimeoutMs, readTimeout: config.readTimeoutMs }),
      );
    } catch (thrown) {
      // A console refusal raised before anything was sent (the account's AssumeRole, asked for
      // inside the SDK's signing) is the caller's answer as it is, not a DTS failure.
      if (thrown instanceof DomainError) throw thrown;
      throw errorFromThrown(action, thrown, timeouts);
    }
    const httpStatus = result.statusCode ?? 200;
    const body = result.body;
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw new DtsError({
        kind: "malformed_response",
        action,
        code: null,
        message: "DTS answered with a body that is not a JSON object.",
        requestId: null,
        httpStatus,
        retrySafe: false,
        retryAfterMs: null,
        attempts: 1,
        underlyingKind: null,
      });
    }
    const record = body as Record<string, unknown>;
    // The SDK only throws for HTTP >= 400; DTS may also say "no" with HTTP 200 and Success:false.
    if (isSuccessFalse(record)) throw errorFromAnswer(action, httpStatus, record);
    return {
      body: record,
      httpStatus,
      requestId: typeof record.RequestId === "string" ? record.RequestId : null,
      attempts: 1,
    };
  }

  return {
    async call(action, regionId, query, policy, body) {
      let attempts = 0;
      try {
        const answer = await withRetries(
          policy,
          (attempt) => {
            attempts = attempt;
            return attemptOnce(action, regionId, query, body);
          },
          options.sleep ?? sleep,
        );
        return { ...answer, attempts };
      } catch (error) {
        if (!(error instanceof DtsError)) throw error;
        return Promise.reject(NON_IDEMPOTENT_ACTIONS.has(action) ? asUnknownOutcome(error) : error);
      }
    },
  };
}
