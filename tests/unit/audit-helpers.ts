// Shared fixtures of the audit store tests (not a test file itself).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import type { NewResetAttempt } from "@/lib/audit/validation";

const detailSample = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../fixtures/dts-samples/describe-dts-job-detail.success.json"), "utf8"),
) as Record<string, unknown>;

/** A fresh temp directory per call, removed once the test file is done. */
const tempDirs: string[] = [];
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-test-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A database path inside a fresh temp directory. */
export function tempDbPath(): string {
  return path.join(tempDir(), "audit.sqlite");
}

let counter = 0;
/** A distinct DTS-shaped ID per call, so tests never collide on the unresolved-attempt index. */
export function uniqueInstanceId(): string {
  counter += 1;
  return `dtsinst${String(counter).padStart(8, "0")}`;
}

export function attemptInput(overrides: Partial<NewResetAttempt> = {}): NewResetAttempt {
  const jobId = overrides.jobId ?? "l3m1213ye7l0001";
  const instanceId = overrides.instanceId ?? uniqueInstanceId();
  return {
    idempotencyKey: null,
    jobId,
    instanceId,
    region: "cn-hangzhou",
    jobType: "SYNC",
    taskName: "orders-sync",
    direction: "Forward",
    resetJobId: jobId,
    reason: "Reconfigure the synced tables",
    actor: { username: "operator", role: "operator", address: "127.0.0.1", userAgent: "vitest" },
    snapshotJob: {
      DtsJobId: jobId,
      DtsInstanceID: instanceId,
      DtsJobName: "orders-sync",
      Status: "Synchronizing",
      DtsJobDirection: "Forward",
      DbObject: '{"orders":{"all":true}}',
    },
    snapshotDetail: { ...detailSample, DtsJobId: jobId, DtsInstanceID: instanceId },
    ...overrides,
  };
}

export { parseCsv } from "../support-csv";
