import "server-only";
import { redactSecrets } from "./redact";

type Level = "debug" | "info" | "warn" | "error";

const RANK: Record<Level | "silent", number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** LOG_LEVEL (default info) is the least severe level written; "silent" writes nothing. */
function enabled(level: Level): boolean {
  const configured = (process.env.LOG_LEVEL?.trim().toLowerCase() || "info") as Level | "silent";
  return RANK[level] >= (RANK[configured] ?? RANK.info);
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
