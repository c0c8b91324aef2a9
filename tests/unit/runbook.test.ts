// The runbook command: quoted so that a POSIX shell hands `aliyun` exactly the parameters the
// console sent. Checked by running the command line through `sh -c` with a stub `aliyun` first on
// PATH that prints its arguments (NUL-separated, so line breaks inside one survive).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { configureEquivalent, resetEquivalent, shellQuote, startEquivalent } from "@/lib/domain/runbook";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "runbook-"));
  const stub = path.join(dir, "aliyun");
  fs.writeFileSync(stub, `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done\n`);
  fs.chmodSync(stub, 0o755);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The arguments `aliyun` receives when the shell runs the command line. */
function argsOf(commandLine: string, env: Record<string, string> = {}): string[] {
  const out = execFileSync("sh", ["-c", commandLine], {
    env: { NODE_ENV: "test", PATH: `${dir}:${process.env.PATH ?? "/usr/bin:/bin"}`, ...env },
    encoding: "utf8",
  });
  return out.split("\0").slice(0, -1);
}

/** `--Name value` pairs as a map (the words after `dts <Action>`). */
function paramsOf(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 2; i < args.length; i += 2) out[args[i]!.replace(/^--/, "")] = args[i + 1]!;
  return out;
}

const NASTY = `it's "orders" $HOME \`id\` $(whoami) ; rm -rf / & | > 订单库同步-杭州 \\ \n second line`;

describe("ResetDtsJob", () => {
  it("Forward: the parameters the console sends, no profile with the one default account", () => {
    const { cli, sdk } = resetEquivalent({ account: "default", region: "cn-hangzhou", jobId: "l3m1213ye7l3k2j", instanceId: "dtsl3m1213ye7l3k2j", direction: "Forward" });
    expect(cli).toBe("aliyun dts ResetDtsJob --RegionId cn-hangzhou --DtsJobId l3m1213ye7l3k2j --DtsInstanceId dtsl3m1213ye7l3k2j --SynchronizationDirection Forward");
    expect(argsOf(cli)).toEqual(["dts", "ResetDtsJob", "--RegionId", "cn-hangzhou", "--DtsJobId", "l3m1213ye7l3k2j", "--DtsInstanceId", "dtsl3m1213ye7l3k2j", "--SynchronizationDirection", "Forward"]);
    expect(sdk).toContain("new $Dts20200101.ResetDtsJobRequest({");
    expect(sdk).toContain(`  synchronizationDirection: "Forward",`);
    expect(sdk).toContain("client.resetDtsJobWithOptions(request, runtime)");
    expect(sdk).toContain(`config.endpoint = "dts.cn-hangzhou.aliyuncs.com";`);
  });

  it("Reverse, with the account's profile when the console has several", () => {
    const { cli, sdk } = resetEquivalent({ account: "prod", region: "cn-shanghai", jobId: "q9w8e7r6t5y4u3i", instanceId: "dtsq9w8e7r6t5y4u3i", direction: "Reverse" });
    expect(cli).toMatch(/--SynchronizationDirection Reverse --profile prod$/);
    expect(paramsOf(argsOf(cli))).toEqual({
      RegionId: "cn-shanghai", DtsJobId: "q9w8e7r6t5y4u3i", DtsInstanceId: "dtsq9w8e7r6t5y4u3i", SynchronizationDirection: "Reverse", profile: "prod",
    });
    expect(sdk).toContain(`  synchronizationDirection: "Reverse",`);
    expect(sdk).toContain(`"prod"`);
  });

  it("StartDtsJob has the same identity", () => {
    const { cli } = startEquivalent({ account: "default", region: "cn-hangzhou", jobId: "a", instanceId: "dtsa", direction: "Forward" });
    expect(argsOf(cli).slice(0, 2)).toEqual(["dts", "StartDtsJob"]);
  });
});

describe("quoting", () => {
  it("quotes, $, backticks, command substitution, line breaks and CJK text reach aliyun unchanged", () => {
    for (const value of [NASTY, "'", "''", "", " ", "a'b", "$(touch /tmp/pwned)", "`touch /tmp/pwned`", "中文 名称", "-x", "--force"]) {
      expect(argsOf(`aliyun ${shellQuote(value)}`)).toEqual([value]);
    }
    expect(fs.existsSync("/tmp/pwned")).toBe(false);
  });

  it("a task name and a Reserve value with every hazard, in ConfigureDtsJob, parse back exactly", () => {
    const parameters = {
      RegionId: "cn-hangzhou", DtsJobId: "j1", DtsInstanceId: "dtsj1", JobType: "SYNC", DtsJobName: NASTY,
      SourceEndpointInstanceType: "RDS", SourceEndpointUserName: "o'brien$",
      DbList: JSON.stringify({ [`库'$\``]: { name: `库'$\``, all: true } }),
      "Reserve.targetTableMode": "0", "Reserve.note": NASTY, "Reserve.autoStartModulesAfterConfig": "none",
    };
    const { cli, sdk } = configureEquivalent("ConfigureDtsJob", { account: "default", region: "cn-hangzhou", parameters });
    const sent = paramsOf(argsOf(cli));
    expect(sent.DtsJobName).toBe(NASTY);
    expect(sent.SourceEndpointUserName).toBe("o'brien$");
    // The JSON round-trips: what the shell hands over parses to what was sent.
    expect(JSON.parse(sent.DbList!)).toEqual(JSON.parse(parameters.DbList));
    expect(JSON.parse(sent.Reserve!)).toEqual({ targetTableMode: "0", note: NASTY, autoStartModulesAfterConfig: "none" });
    // The SDK's literals are TypeScript string literals of the same values.
    const literal = /dtsJobName: (".*"),$/m.exec(sdk)![1]!;
    expect(JSON.parse(literal)).toBe(NASTY);
  });
});

describe("ConfigureDtsJob / ConfigureSubscription", () => {
  const sync = {
    RegionId: "cn-hangzhou", DtsJobId: "l3m1213ye7l3k2j", DtsInstanceId: "dtsl3m1213ye7l3k2j", JobType: "SYNC", DtsJobName: "orders-rds-to-polardb",
    SourceEndpointInstanceType: "RDS", SourceEndpointEngineName: "MYSQL", StructureInitialization: "true", DataInitialization: "false", DataSynchronization: "true",
    DbList: `{"orders":{"name":"orders","all":true}}`, "Reserve.maxRetryTime": "720", "Reserve.autoStartModulesAfterConfig": "none",
  };

  it("passwords are placeholders, never values; the SDK types booleans", () => {
    const { cli, sdk } = configureEquivalent("ConfigureDtsJob", { account: "default", region: "cn-hangzhou", parameters: sync });
    expect(cli).toContain(`--SourceEndpointPassword "$DTS_SOURCE_PASSWORD"`);
    expect(cli).toContain(`--DestinationEndpointPassword "$DTS_DESTINATION_PASSWORD"`);
    const sent = paramsOf(argsOf(cli, { DTS_SOURCE_PASSWORD: "s3cr'et $x", DTS_DESTINATION_PASSWORD: "d" }));
    expect(sent.SourceEndpointPassword).toBe("s3cr'et $x");
    expect(JSON.parse(sent.Reserve!)).toEqual({ maxRetryTime: "720", autoStartModulesAfterConfig: "none" });
    expect(JSON.parse(sent.DbList!)).toEqual({ orders: { name: "orders", all: true } });
    expect(Object.keys(sent).slice(0, 4)).toEqual(["RegionId", "DtsJobId", "DtsInstanceId", "JobType"]);
    expect(sdk).toContain("  structureInitialization: true,");
    expect(sdk).toContain("  dataInitialization: false,");
    expect(sdk).toContain("  sourceEndpointPassword: process.env.DTS_SOURCE_PASSWORD,");
    expect(sdk).toContain("client.configureDtsJobWithOptions(request, runtime)");
  });

  it("a password that slipped into the parameters is never written", () => {
    const { cli, sdk } = configureEquivalent("ConfigureDtsJob", { account: "default", region: "cn-hangzhou", parameters: { ...sync, SourceEndpointPassword: "CANARY-pw" } });
    expect(cli + sdk).not.toContain("CANARY-pw");
  });

  it("ConfigureSubscription has no destination password and types its data types", () => {
    const { cli, sdk } = configureEquivalent("ConfigureSubscription", {
      account: "staging", region: "cn-hangzhou",
      parameters: { RegionId: "cn-hangzhou", DtsJobId: "u8", DtsJobName: "orders-cdc", SubscriptionDataTypeDDL: "true", SubscriptionDataTypeDML: "false", DbList: "{}" },
    });
    const sent = paramsOf(argsOf(cli));
    expect(sent).not.toHaveProperty("DestinationEndpointPassword");
    expect(sent.profile).toBe("staging");
    expect(sdk).toContain("new $Dts20200101.ConfigureSubscriptionRequest({");
    expect(sdk).toContain("  subscriptionDataTypeDML: false,");
    expect(sdk).toContain("client.configureSubscriptionWithOptions(request, runtime)");
    expect(sdk).not.toMatch(/accessKeySecret: "/);
  });
});
