import "server-only";
import type { Config } from "@/lib/config/env";
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

/** The configuration's DTS client settings (validated in lib/config/env.ts). */
export type DtsSettings = Pick<Config, "DTS_ENDPOINT" | "DTS_SIGNATURE_VERSION" | "DTS_CONNECT_TIMEOUT_MS" | "DTS_READ_TIMEOUT_MS" | "DTS_MAX_ATTEMPTS">;

/** The client's settings from the configuration, with the keys to sign with (null = the credential chain). */
export function dtsClientConfig(settings: DtsSettings, credentials: StaticCredentials | null): DtsClientConfig {
  return {
    endpointOverride: settings.DTS_ENDPOINT ?? null,
    signatureVersion: settings.DTS_SIGNATURE_VERSION,
    credentials,
    connectTimeoutMs: settings.DTS_CONNECT_TIMEOUT_MS,
    readTimeoutMs: settings.DTS_READ_TIMEOUT_MS,
    retry: { ...DEFAULT_RETRY, maxAttempts: settings.DTS_MAX_ATTEMPTS },
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
