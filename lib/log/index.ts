import "server-only";

type Level = "debug" | "info" | "warn" | "error";

const SECRET_KEY = /(secret|password|token|signature|authorization|cookie)/i;

/** Drops any field whose name suggests a secret, so a careless call cannot leak one. */
function scrub(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, SECRET_KEY.test(key) ? "[redacted]" : value]),
  );
}

function write(level: Level, event: string, fields: Record<string, unknown>) {
  if (process.env.LOG_LEVEL === "silent") return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...scrub(fields) });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

/** Structured JSON-lines logging. */
export const logger = {
  debug: (event: string, fields: Record<string, unknown> = {}) => {
    if (process.env.LOG_LEVEL === "debug") write("debug", event, fields);
  },
  info: (event: string, fields: Record<string, unknown> = {}) => write("info", event, fields),
  warn: (event: string, fields: Record<string, unknown> = {}) => write("warn", event, fields),
  error: (event: string, fields: Record<string, unknown> = {}) => write("error", event, fields),
};
