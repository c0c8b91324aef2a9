import "server-only";
// A background job of the console process: run once at start-up, then every intervalMs, never two
// runs at once (a slow DTS must not pile runs on top of each other), a failure logged, not thrown.
import { logger } from "@/lib/log";

export interface BackgroundJob {
  /** Starts the job; a second call does nothing. */
  start(): void;
}

export function backgroundJob(failureEvent: string, intervalMs: () => number, run: () => Promise<void>): BackgroundJob {
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  async function tick() {
    if (running) return;
    running = true;
    try {
      await run();
    } catch (error) {
      logger.error(failureEvent, { name: (error as Error).name, message: (error as Error).message });
    } finally {
      running = false;
    }
  }

  return {
    start() {
      if (timer) return;
      const interval = intervalMs();
      void tick();
      timer = setInterval(() => void tick(), interval);
      timer.unref();
    },
  };
}
