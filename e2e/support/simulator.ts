// Reaches the simulator's control API (/__sim) from Playwright specs.
import { expect, type APIRequestContext } from "@playwright/test";

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

export async function clearFaults(request: APIRequestContext) {
  const response = await request.delete(`${SIMULATOR_URL}/__sim/faults`);
  if (!response.ok()) throw new Error(`clearing faults failed: ${response.status()}`);
}

export async function setTaskStatus(request: APIRequestContext, jobId: string, status: string, direction: "Forward" | "Reverse" = "Forward") {
  const response = await request.post(`${SIMULATOR_URL}/__sim/jobs/${jobId}/status`, { data: { status, direction } });
  if (!response.ok()) throw new Error(`status change rejected: ${response.status()} ${await response.text()}`);
}

export interface SimHeldCall {
  id: string;
  holdId: string;
  action: string;
  params: Record<string, string>;
  runAt: "release" | "hold";
  applied: boolean;
  clientClosed: boolean;
}

/**
 * Arms a hold (README, "Holds"): the next matching call reaches DTS and waits for releaseHold.
 * runAt "hold" applies the action at once and delays only the answer. Returns the hold's ID.
 */
export async function holdCalls(request: APIRequestContext, spec: { action: string; count?: number; runAt?: "release" | "hold" }): Promise<string> {
  const response = await request.post(`${SIMULATOR_URL}/__sim/holds`, { data: spec });
  if (!response.ok()) throw new Error(`hold rejected: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { hold: { id: string } }).hold.id;
}

export async function heldCalls(request: APIRequestContext): Promise<SimHeldCall[]> {
  const response = await request.get(`${SIMULATOR_URL}/__sim/holds`);
  return ((await response.json()) as { held: SimHeldCall[] }).held;
}

/**
 * Waits for the event "n calls reached DTS and are held". The timeout is generous: it only bounds a
 * wait for something that does happen, so a passing run never sits it out.
 */
export async function waitForHeldCalls(request: APIRequestContext, n = 1, timeout = 30_000): Promise<SimHeldCall[]> {
  await expect.poll(async () => (await heldCalls(request)).length, { timeout, message: `${n} held call(s) at the simulator` }).toBe(n);
  return heldCalls(request);
}

/** Releases a hold's calls (hold ID) or one held call (call ID); returns how many were released. */
export async function releaseHold(request: APIRequestContext, id: string): Promise<number> {
  const response = await request.post(`${SIMULATOR_URL}/__sim/holds/${encodeURIComponent(id)}/release`);
  if (!response.ok()) throw new Error(`release of ${id} failed: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { released: number }).released;
}

export async function releaseAllHolds(request: APIRequestContext): Promise<number> {
  const response = await request.post(`${SIMULATOR_URL}/__sim/holds/release`);
  if (!response.ok()) throw new Error(`release of all holds failed: ${response.status()}`);
  return ((await response.json()) as { released: number }).released;
}

/** The body of a Forward reset of a seeded task, as the dialog sends it. */
export function forwardResetBody(task: { region: string; instanceId: string; jobId: string }, reason: string) {
  return { region: task.region, instanceId: task.instanceId, direction: "Forward", confirmation: task.jobId, reason };
}

/** A refusal DTS sends as HTTP 200 with Success:false (HttpStatusCode 400): the reset did not run. */
export const INVALID_PARAMETER_FAILURE = {
  action: "ResetDtsJob",
  kind: "dts-failure",
  times: 1,
  errCode: "InvalidParameter",
  errMessage: "The Value of Input Parameter %s is not valid.",
  dynamicMessage: "DtsJobId",
  httpStatusCode: 400,
} as const;
