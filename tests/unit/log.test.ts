// The structured logger: JSON lines, LOG_LEVEL as a threshold, secrets redacted on the way out.
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetConfig } from "@/lib/config/env";
import { logger } from "@/lib/log";

const saved = process.env.LOG_LEVEL;
afterEach(() => {
  process.env.LOG_LEVEL = saved;
  resetConfig();
  vi.restoreAllMocks();
});

/** The configuration is parsed once per process; a test that changes it parses it again. */
function setLogLevel(level: string) {
  process.env.LOG_LEVEL = level;
  resetConfig();
}

function capture() {
  const lines: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
  return lines;
}

describe("the logger", () => {
  it("writes one JSON object per line, secrets removed", () => {
    setLogLevel("info");
    const lines = capture();
    logger.info("signed_in", { username: "alice", password: "hunter2-hunter2", note: "Bearer abc.def" });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: "info", event: "signed_in", username: "alice", password: "[redacted]", note: "Bearer [redacted]" });
  });

  it("treats LOG_LEVEL as the least severe level written", () => {
    setLogLevel("warn");
    const lines = capture();
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    logger.error("e");
    expect(lines.map((l) => JSON.parse(l).event)).toEqual(["w", "e"]);
    setLogLevel("silent");
    logger.error("quiet");
    expect(lines).toHaveLength(2);
    setLogLevel("debug");
    logger.debug("loud");
    expect(lines).toHaveLength(3);
  });
});
