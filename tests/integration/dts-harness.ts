// Starts the real simulator on a free port and builds the real signed client against it.
import { startSimulator } from "@/simulator/index";
import type { SimulatorOptions } from "@/simulator/config";
import { buildDtsClient } from "@/lib/dts";
import type { DtsClientConfig, StaticCredentials } from "@/lib/dts/config";

export const SIM_KEY: StaticCredentials = {
  accessKeyId: "it-access-key-id",
  accessKeySecret: "it-access-key-secret-abcdefghijkl",
};
export const STS_KEY: StaticCredentials = {
  accessKeyId: "STS.it-temporary-key",
  accessKeySecret: "it-sts-secret-0123456789abcdef",
  securityToken: "it-security-token-CAISzAJ1q6Ft5B2yfSjIr5",
};

export interface Harness {
  url: string;
  close(): Promise<void>;
  client(overrides?: Partial<DtsClientConfig>): ReturnType<typeof buildDtsClient>;
  /** The backoff sleeps the client asked for (kept short so tests stay fast). */
  sleeps: number[];
  calls(action?: string): Promise<CallEntry[]>;
  fault(spec: Record<string, unknown>): Promise<void>;
  control(path: string, init?: RequestInit): Promise<Response>;
}

export interface CallEntry {
  seq: number;
  action: string | null;
  params: Record<string, string>;
  scheme: "V1" | "V3" | null;
  accessKeyId: string | null;
  verdict: "ok" | "rejected" | "fault";
  code: string | null;
  httpStatus: number | null;
  fault: string | null;
}

export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const simulator = await startSimulator({
    accessKeys: [
      { accessKeyId: SIM_KEY.accessKeyId, accessKeySecret: SIM_KEY.accessKeySecret },
      { ...STS_KEY, securityToken: STS_KEY.securityToken, expiresAt: Date.now() + 3_600_000 },
    ],
    ...options,
  });
  const sleeps: number[] = [];
  const control = (path: string, init?: RequestInit) => fetch(`${simulator.url}/__sim/${path}`, init);
  return {
    url: simulator.url,
    close: () => simulator.close(),
    sleeps,
    control,
    client: (overrides = {}) =>
      buildDtsClient(
        {
          endpointOverride: simulator.url,
          signatureVersion: "v3",
          credentials: SIM_KEY,
          connectTimeoutMs: 2_000,
          readTimeoutMs: 2_000,
          retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
          ...overrides,
        },
        { sleep: async (ms) => void sleeps.push(ms) },
      ),
    async calls(action) {
      const response = await control(`calls${action ? `?action=${action}` : ""}`);
      return ((await response.json()) as { calls: CallEntry[] }).calls;
    },
    async fault(spec) {
      const response = await control("faults", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(spec),
      });
      if (!response.ok) throw new Error(`fault rejected: ${response.status} ${await response.text()}`);
    },
  };
}
