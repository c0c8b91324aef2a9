import "server-only";
import { z } from "zod";
import { endpointHost } from "@/lib/domain/regions";
import { DEFAULT_RETRY, type RetrySettings } from "./retry";

export type SignatureVersion = "v3" | "v1";

export interface StaticCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface DtsClientConfig {
  /** Full URL (`http://127.0.0.1:4010`) that replaces the regional endpoints; null = Alibaba Cloud. */
  endpointOverride: string | null;
  signatureVersion: SignatureVersion;
  /** Explicit keys (simulator mode, tests); null = the Alibaba Cloud credential chain. */
  credentials: StaticCredentials | null;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  retry: RetrySettings;
}

const timeoutSchema = z.coerce.number().int().min(100).max(120_000);

const envSchema = z.object({
  DTS_ENDPOINT: z
    .string()
    .url("DTS_ENDPOINT must be a full URL with a scheme, e.g. http://127.0.0.1:4010")
    .refine((v) => /^https?:\/\//.test(v), "DTS_ENDPOINT must start with http:// or https://")
    .optional(),
  DTS_SIGNATURE_VERSION: z.enum(["v3", "v1"]).default("v3"),
  DTS_CONNECT_TIMEOUT_MS: timeoutSchema.default(5_000),
  DTS_READ_TIMEOUT_MS: timeoutSchema.default(15_000),
  DTS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(DEFAULT_RETRY.maxAttempts),
});

/** Reads the client settings from the environment; throws a readable error on a bad value. */
export function dtsConfigFromEnv(env: NodeJS.ProcessEnv, credentials: StaticCredentials | null): DtsClientConfig {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid DTS client configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    endpointOverride: e.DTS_ENDPOINT ?? null,
    signatureVersion: e.DTS_SIGNATURE_VERSION,
    credentials,
    connectTimeoutMs: e.DTS_CONNECT_TIMEOUT_MS,
    readTimeoutMs: e.DTS_READ_TIMEOUT_MS,
    retry: { ...DEFAULT_RETRY, maxAttempts: e.DTS_MAX_ATTEMPTS },
  };
}

export interface ResolvedEndpoint {
  /** host[:port], as the SDK wants it (and signs it in the Host header). */
  host: string;
  protocol: "http" | "https";
}

export function resolveEndpoint(config: DtsClientConfig, regionId: string): ResolvedEndpoint {
  if (config.endpointOverride) {
    const url = new URL(config.endpointOverride);
    return { host: url.host, protocol: url.protocol === "http:" ? "http" : "https" };
  }
  return { host: endpointHost(regionId), protocol: "https" };
}
