// DTS_ACCOUNTS / DTS_ACCOUNTS_FILE (lib/config/accounts.ts, through lib/config/env.ts): what an
// entry may hold, and how a bad one stops the start with a message naming the entry and the field
// without ever echoing a value.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config/env";

const ROLE = "acs:ram::1234567890123456:role/dts-console-operator";

function refused(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("the accounts configuration", () => {
  it("is one account, default, with the console's own credentials when nothing is set", () => {
    expect(parseConfig({}).ACCOUNTS).toEqual([{ id: "default", name: "Default", kind: "default" }]);
  });

  it("reads DTS_ACCOUNTS in order, with the role's defaults", () => {
    const accounts = parseConfig({
      DTS_ACCOUNTS: JSON.stringify([
        { id: "main", name: "Operations" },
        { id: "prod", name: "Production", roleArn: ROLE, externalId: "ext-123" },
        { id: "staging-2", name: "Staging", roleArn: ROLE, roleSessionName: "ops@console", durationSeconds: 900 },
      ]),
    }).ACCOUNTS;
    expect(accounts).toEqual([
      { id: "main", name: "Operations", kind: "default" },
      { id: "prod", name: "Production", kind: "role", roleArn: ROLE, externalId: "ext-123", roleSessionName: "dts-console", durationSeconds: 3600 },
      { id: "staging-2", name: "Staging", kind: "role", roleArn: ROLE, externalId: null, roleSessionName: "ops@console", durationSeconds: 900 },
    ]);
  });

  it("reads the same array from DTS_ACCOUNTS_FILE", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accounts-"));
    const file = path.join(dir, "accounts.json");
    fs.writeFileSync(file, JSON.stringify([{ id: "prod", name: "Production", roleArn: ROLE }]));
    try {
      expect(parseConfig({ DTS_ACCOUNTS_FILE: file }).ACCOUNTS.map((a) => a.id)).toEqual(["prod"]);
      expect(refused({ DTS_ACCOUNTS_FILE: path.join(dir, "missing.json") })).toMatch(/DTS_ACCOUNTS_FILE.*cannot be read \(ENOENT\)/s);
      expect(refused({ DTS_ACCOUNTS_FILE: file, DTS_ACCOUNTS: "[]" })).toMatch(/both set/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ["not JSON", "{id:", /DTS_ACCOUNTS.*must be a JSON array/s],
    ["an empty array", "[]", /non-empty JSON array/],
    ["a bad id", JSON.stringify([{ id: "Prod_1", name: "P" }]), /entry 1 \("Prod_1"\): id must be 1-32 lower-case/],
    ["a missing name", JSON.stringify([{ id: "prod" }]), /entry 1 \("prod"\): name is required/],
    ["a bad role ARN", JSON.stringify([{ id: "a", name: "A" }, { id: "prod", name: "P", roleArn: "arn:aws:iam::1:role/x" }]), /entry 2 \("prod"\): roleArn must be acs:ram::<account uid>:role\/<role name>/],
    ["a session too long", JSON.stringify([{ id: "prod", name: "P", roleArn: ROLE, durationSeconds: 43201 }]), /entry 1 \("prod"\): durationSeconds must be from 900 to 43200/],
    ["a bad session name", JSON.stringify([{ id: "prod", name: "P", roleArn: ROLE, roleSessionName: "a b" }]), /roleSessionName must be 2-64/],
    ["an ExternalId without a role", JSON.stringify([{ id: "prod", name: "P", externalId: "x1" }]), /externalId goes with roleArn/],
    ["an unknown field", JSON.stringify([{ id: "prod", name: "P", region: "cn-hangzhou" }]), /has an unknown field: region/],
    ["a duplicate id", JSON.stringify([{ id: "prod", name: "P", roleArn: ROLE }, { id: "prod", name: "Q", roleArn: ROLE }]), /entry 2 \("prod"\): id "prod" is used twice/],
    ["two credential-chain entries", JSON.stringify([{ id: "a", name: "A" }, { id: "b", name: "B" }]), /more than one entry without roleArn/],
  ])("refuses %s, naming the entry and the field", (_what, value, message) => {
    expect(refused({ DTS_ACCOUNTS: value })).toMatch(message);
  });

  it("refuses an AccessKey secret in an entry, and never echoes it", () => {
    const secret = "LTAI-very-secret-value-123";
    const message = refused({ DTS_ACCOUNTS: JSON.stringify([{ id: "prod", name: "P", accessKeySecret: secret }]) });
    expect(message).toMatch(/entry 1 \("prod"\): "accessKeySecret" is refused: keys come from the console's credential chain only/);
    expect(message).not.toContain(secret);
    const external = "ext-should-not-echo";
    expect(refused({ DTS_ACCOUNTS: JSON.stringify([{ id: "prod", name: "P", roleArn: "bad", externalId: external }]) })).not.toContain(external);
  });
});
