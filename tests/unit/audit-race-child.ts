// Run by audit-multiprocess.test.ts in separate Node processes (not a test file itself): wait for
// the shared start instant, open the store (racing the other processes' migrations of a fresh
// file), then try to begin an attempt on the shared task. Prints the outcome as JSON.
import { openDatabase } from "../../lib/db/open";
import { beginAttempt } from "../../lib/audit/reset-attempts";

async function main(): Promise<void> {
  const [file, instanceId, label, startAtText] = process.argv.slice(2);
  if (!file || !instanceId || !label || !startAtText) throw new Error("usage: audit-race-child <file> <instanceId> <label> <startAt>");
  const startAt = Number(startAtText);
  while (Date.now() < startAt) {
    // Busy-wait rather than sleep: timers would blur the start across processes.
  }
  // A long busy timeout: under load the other processes may hold the write lock for a while.
  const store = await openDatabase({ path: file, busyTimeoutMs: 30_000 });
  try {
    const result = await beginAttempt(store, {
      jobId: "racejob00000001",
      instanceId,
      region: "cn-hangzhou",
      jobType: "SYNC",
      taskName: "race",
      direction: "Forward",
      resetJobId: "racejob00000001",
      reason: `racing from ${label}`,
      actor: { username: label, role: "operator", address: null, userAgent: null },
      snapshotJob: { DtsJobId: "racejob00000001" },
      snapshotDetail: { DtsJobId: "racejob00000001" },
    });
    process.stdout.write(JSON.stringify({ kind: result.kind, id: result.record.id }));
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? (error.stack ?? error.message) : error));
  process.exit(1);
});
