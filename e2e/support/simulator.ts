// Reaches the simulator's control API (/__sim) from Playwright specs.
import type { APIRequestContext } from "@playwright/test";

export const SIMULATOR_URL = process.env.SIMULATOR_URL ?? "http://127.0.0.1:4110";

export interface SimCall {
  seq: number;
  action: string | null;
  params: Record<string, string>;
  scheme: "V1" | "V3" | null;
  verdict: "ok" | "rejected" | "fault";
  code: string | null;
  httpStatus: number | null;
}

export async function resetSimulator(request: APIRequestContext) {
  const response = await request.post(`${SIMULATOR_URL}/__sim/reset`);
  if (!response.ok()) throw new Error(`simulator reset failed: ${response.status()}`);
}

export async function simulatorCalls(request: APIRequestContext, action?: string): Promise<SimCall[]> {
  const response = await request.get(`${SIMULATOR_URL}/__sim/calls${action ? `?action=${action}` : ""}`);
  return ((await response.json()) as { calls: SimCall[] }).calls;
}

export async function injectFault(request: APIRequestContext, spec: Record<string, unknown>) {
  const response = await request.post(`${SIMULATOR_URL}/__sim/faults`, { data: spec });
  if (!response.ok()) throw new Error(`fault rejected: ${response.status()} ${await response.text()}`);
}

export async function setTaskStatus(request: APIRequestContext, jobId: string, status: string, direction: "Forward" | "Reverse" = "Forward") {
  const response = await request.post(`${SIMULATOR_URL}/__sim/jobs/${jobId}/status`, { data: { status, direction } });
  if (!response.ok()) throw new Error(`status change rejected: ${response.status()} ${await response.text()}`);
}
