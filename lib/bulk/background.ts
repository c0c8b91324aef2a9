import "server-only";
// The console process's bulk worker: every second (and at once when a bulk is created or
// approved) it takes up each open bulk not already being worked on here. Taking one up is cheap
// when another instance holds it (its lease answers "busy"), so every instance polls: when one
// dies, another takes its bulks over once their leases run out; on SQLite the restarted process
// resumes them.
import { getConsoleContext } from "@/lib/context";
import { logger } from "@/lib/log";
import { openBulkIds } from "./store";
import { workBulk } from "./worker";

const POLL_MS = 1_000;
const active = new Set<string>();
let timer: NodeJS.Timeout | null = null;
let scanning = false;

async function scan(): Promise<void> {
  if (scanning) return;
  scanning = true;
  try {
    const ctx = await getConsoleContext();
    for (const id of await openBulkIds(ctx.store)) {
      if (active.has(id)) continue;
      active.add(id);
      // Not awaited: a bulk takes minutes; the scan must go on finding the others.
      void workBulk(ctx, id)
        .catch((error: unknown) => ctx.log.error("bulk_worker_failed", { id, name: (error as Error).name, message: (error as Error).message }))
        .finally(() => active.delete(id));
    }
  } catch (error) {
    logger.error("bulk_scan_failed", { name: (error as Error).name, message: (error as Error).message });
  } finally {
    scanning = false;
  }
}

/** Starts polling for open bulks; a second call does nothing. */
export function startBulkWorker(): void {
  if (timer) return;
  void scan();
  timer = setInterval(() => void scan(), POLL_MS);
  timer.unref();
}

/** Look for open bulks now (a bulk was just created or approved). */
export function kickBulkWorker(): void {
  void scan();
}

/** The bulks this process is working on (or trying to take up) right now. */
export function activeBulkIds(): string[] {
  return [...active];
}
