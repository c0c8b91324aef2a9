import "server-only";
import { getConfig, type LogLevel } from "@/lib/config/env";
import { redactSecrets } from "./redact";

type Level = "debug" | "info" | "warn" | "error";

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** LOG_LEVEL (default info) is the least severe level written; "silent" writes nothing. */
function enabled(level: Level): boolean {
  let configured: LogLevel = "info";
  try {
    configured = getConfig().LOG_LEVEL;
  } catch {
    // An invalid configuration stops the start (scripts/serve.ts, instrumentation.ts); until then,
    // and for its own report, logging must not throw.
  }
  return RANK[level] >= RANK[configured];
}

function write(level: Level, event: string, fields: Record<string, unknown>) {
  if (!enabled(level)) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...(redactSecrets(fields) as Record<string, unknown>) });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

/** Structured JSON-lines logging. Fields pass through redactSecrets (./redact.ts) first. */
export const logger = {
  debug: (event: string, fields: Record<string, unknown> = {}) => write("debug", event, fields),
  info: (event: string, fields: Record<string, unknown> = {}) => write("info", event, fields),
  warn: (event: string, fields: Record<string, unknown> = {}) => write("warn", event, fields),
  error: (event: string, fields: Record<string, unknown> = {}) => write("error", event, fields),
};
