// `npm run simulator`: argument parsing, and the real process (listening line, no secret, clean stop).

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CliUsageError, parseCliArgs, parseFaultArg } from "@/simulator/cli-args";

describe("parseCliArgs", () => {
  it("maps every flag onto SimulatorOptions", () => {
    const { options, help } = parseCliArgs([
      "--port", "4010", "--host", "0.0.0.0", "--new-job-id-on-reset", "--uppercase-detail-status",
      "--business-errors", "dts200", "--scale", "10000", "--scale-region", "cn-shanghai",
      "--fault", "ResetDtsJob:throttle:2", "--fault", "*:unavailable:25%",
      "--timestamp-window", "1800", "--rate-limit", "--log",
    ]);
    expect(help).toBe(false);
    expect(options).toEqual({
      port: 4010,
      host: "0.0.0.0",
      keepJobIdOnReset: false,
      lowercaseDetailStatus: false,
      businessErrorStyle: "dts200",
      seed: { scale: 10_000, scaleRegion: "cn-shanghai" },
      faults: [
        { action: "ResetDtsJob", kind: "throttle", times: 2 },
        { action: "*", kind: "unavailable", probability: 0.25 },
      ],
      timestampWindowSeconds: 1_800,
      rateLimit: true,
      log: true,
    });
  });

  it("leaves defaults to the simulator when no flag is given", () => {
    expect(parseCliArgs([])).toEqual({ help: false, options: {} });
    expect(parseCliArgs(["--help"]).help).toBe(true);
  });

  it.each([
    [["--port", "http"]],
    [["--port", "70000"]],
    [["--business-errors", "xml"]],
    [["--scale", "-5"]],
    [["--timestamp-window", "0"]],
    [["--unknown-flag"]],
    [["--fault", "ResetDtsJob:explode"]],
  ])("refuses %j", (argv) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
  });
});

describe("parseFaultArg", () => {
  it("reads Action:kind[:N | :P%][:key=value...]", () => {
    expect(parseFaultArg("DescribeDtsJobs:latency:5:latencyMs=2000")).toEqual({ action: "DescribeDtsJobs", kind: "latency", times: 5, latencyMs: 2_000 });
    expect(parseFaultArg("ResetDtsJob:reset-connection:1:effect=apply")).toEqual({ action: "ResetDtsJob", kind: "reset-connection", times: 1, effect: "apply" });
    expect(parseFaultArg("ResetDtsJob:dts-failure:errCode=InvalidParameter:dynamicMessage=DtsInstanceId")).toEqual({
      action: "ResetDtsJob", kind: "dts-failure", errCode: "InvalidParameter", dynamicMessage: "DtsInstanceId",
    });
    expect(parseFaultArg("DescribeDtsJobDetail:hang:holdMs=30000")).toEqual({ action: "DescribeDtsJobDetail", kind: "hang", holdMs: 30_000 });
  });

  it.each(["ResetDtsJob", "NoSuchAction:throttle", "ResetDtsJob:throttle:oops", "ResetDtsJob:throttle:effect=maybe", "ResetDtsJob:latency:latencyMs=soon"])(
    "refuses %s",
    (text) => {
      expect(() => parseFaultArg(text)).toThrow(CliUsageError);
    },
  );
});

describe("the simulator process", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const tsxCli = fileURLToPath(new URL("../../node_modules/tsx/dist/cli.mjs", import.meta.url));

  it("prints its address (never the secret), serves, and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [tsxCli, "simulator/cli.ts", "--port", "0", "--fault", "DescribeDtsJobs:internal:1"], {
      cwd: root,
      env: { ...process.env, SIMULATOR_ACCESS_KEY_SECRET: "cli-test-secret-value-0001" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line; output: ${output}`)), 15_000);
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const match = /^DTS simulator listening on http:\/\/127\.0\.0\.1:\d+$/m.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      });
      child.on("exit", (code) => reject(new Error(`exited early (${code}): ${output}`)));
    });
    const url = line.replace("DTS simulator listening on ", "");
    const health = await fetch(`${url}/__sim/health`);
    expect(health.status).toBe(200);
    const faults = (await (await fetch(`${url}/__sim/faults`)).json()) as { faults: unknown[] };
    expect(faults.faults).toEqual([expect.objectContaining({ action: "DescribeDtsJobs", kind: "internal", times: 1 })]);

    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).not.toContain("cli-test-secret-value-0001");
    expect(output.trim().split("\n")).toEqual([line]);
  });

  it("exits with status 2 and the usage on a bad flag", async () => {
    const child = spawn(process.execPath, [tsxCli, "simulator/cli.ts", "--business-errors", "xml"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("--business-errors must be one of gateway, dts, dts200");
    expect(stderr).toContain("Usage: npm run simulator");
  });
});
