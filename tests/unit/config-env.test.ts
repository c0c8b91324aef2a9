// The configuration schema (lib/config/env.ts): defaults, what it refuses and how it says so, and
// the README's configuration table, which must list exactly its variables.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, getConfig, parseConfig, resetConfig, VARIABLE_NAMES, VARIABLES, type VariableName } from "@/lib/config/env";

function problems(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("the configuration", () => {
  it("has today's defaults when nothing is set", () => {
    expect(parseConfig({})).toMatchObject({
      DTS_MODE: "simulator",
      DTS_USE_ECS_RAM_ROLE: false,
      DTS_USE_CLI_PROFILE: false,
      DTS_SIGNATURE_VERSION: "v3",
      DTS_CONNECT_TIMEOUT_MS: 5000,
      DTS_READ_TIMEOUT_MS: 15000,
      DTS_MAX_ATTEMPTS: 3,
      DTS_DEFAULT_REGION: "cn-hangzhou",
      AUDIT_DB_PATH: path.join("data", "audit.sqlite"),
      RECONCILE_INTERVAL_MS: 10000,
      SESSION_IDLE_TIMEOUT_MINUTES: 30,
      SESSION_ABSOLUTE_TIMEOUT_HOURS: 12,
      TRUSTED_PROXIES: { kind: "none" },
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      PORT: 3000,
      SIMULATOR_PORT: 0,
      SIMULATOR_ACCESS_KEY_ID: "sim-access-key-id",
      SIMULATOR_ACCESS_KEY_SECRET: "sim-access-key-secret-0123456789",
    });
    const config = parseConfig({});
    for (const name of ["DTS_ENDPOINT", "CONSOLE_PUBLIC_ORIGIN", "LOG_FILE", "CONSOLE_ADMIN_USERNAME", "CONSOLE_ADMIN_PASSWORD"] as const) {
      expect(config[name]).toBeUndefined();
    }
  });

  it("treats an empty variable as an unset one, and reads values as before", () => {
    const config = parseConfig({
      PORT: "",
      DTS_MODE: " LIVE ",
      LOG_LEVEL: "Warn",
      RECONCILE_INTERVAL_MS: "2500",
      SESSION_IDLE_TIMEOUT_MINUTES: "0.5",
      DTS_ENDPOINT: "http://127.0.0.1:4010",
      CONSOLE_PUBLIC_ORIGIN: "https://dts-console.example.com/",
      DTS_USE_ECS_RAM_ROLE: "true",
      TRUSTED_PROXIES: "1",
      CONSOLE_ADMIN_USERNAME: " root ",
      CONSOLE_ADMIN_PASSWORD: " spaces are kept ",
    });
    expect(config).toMatchObject({
      PORT: 3000,
      DTS_MODE: "live",
      LOG_LEVEL: "warn",
      RECONCILE_INTERVAL_MS: 2500,
      SESSION_IDLE_TIMEOUT_MINUTES: 0.5,
      DTS_ENDPOINT: "http://127.0.0.1:4010",
      CONSOLE_PUBLIC_ORIGIN: "https://dts-console.example.com",
      DTS_USE_ECS_RAM_ROLE: true,
      TRUSTED_PROXIES: { kind: "count", count: 1 },
      CONSOLE_ADMIN_USERNAME: "root",
      CONSOLE_ADMIN_PASSWORD: " spaces are kept ",
    });
  });

  it("selects live mode when credentials are configured and DTS_MODE is not", () => {
    expect(parseConfig({ ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI-x" }).DTS_MODE).toBe("live");
    expect(parseConfig({ ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/x" }).DTS_MODE).toBe("live");
    expect(parseConfig({ ALIBABA_CLOUD_ACCESS_KEY_ID: "   " }).DTS_MODE).toBe("simulator");
    expect(parseConfig({ ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI-x", DTS_MODE: "simulator" }).DTS_MODE).toBe("simulator");
  });

  it.each([
    ["RECONCILE_INTERVAL_MS", "-5", /RECONCILE_INTERVAL_MS="-5" must be a whole number of milliseconds from 100 to 2147483647/],
    ["RECONCILE_INTERVAL_MS", "0", /RECONCILE_INTERVAL_MS="0" must be a whole number/],
    ["RECONCILE_INTERVAL_MS", "abc", /RECONCILE_INTERVAL_MS="abc" must be a whole number/],
    ["PORT", "http", /PORT="http" must be a whole number from 1 to 65535/],
    ["PORT", "70000", /PORT="70000" must be a whole number from 1 to 65535/],
    ["DTS_MODE", "production", /DTS_MODE="production" must be one of simulator, live/],
    ["LOG_LEVEL", "verbose", /LOG_LEVEL="verbose" must be one of debug, info, warn, error, silent/],
    ["DTS_ENDPOINT", "127.0.0.1:4010", /DTS_ENDPOINT="127.0.0.1:4010" must be a full URL starting with http:\/\/ or https:\/\//],
    ["CONSOLE_PUBLIC_ORIGIN", "dts-console.example.com", /CONSOLE_PUBLIC_ORIGIN="dts-console.example.com" must be an origin starting with http:\/\//],
    ["DTS_DEFAULT_REGION", "mars-1", /DTS_DEFAULT_REGION="mars-1" must be a DTS region ID: cn-hangzhou, .*ap-southeast-1/],
    ["DTS_USE_CLI_PROFILE", "yes", /DTS_USE_CLI_PROFILE="yes" must be one of true, false/],
    ["DTS_MAX_ATTEMPTS", "9", /DTS_MAX_ATTEMPTS="9" must be a whole number from 1 to 5/],
    ["SESSION_ABSOLUTE_TIMEOUT_HOURS", "soon", /SESSION_ABSOLUTE_TIMEOUT_HOURS="soon" must be a positive number of hours/],
    ["TRUSTED_PROXIES", "10.0.0.1, the load balancer", /TRUSTED_PROXIES="10.0.0.1, the load balancer" has "the load balancer", which is not an address or CIDR range; it must be a number of proxies/],
  ])("refuses %s=%j, naming the variable and what it accepts", (name, value, message) => {
    expect(problems({ [name]: value })).toMatch(message);
  });

  it("lists every bad variable at once", () => {
    const message = problems({ PORT: "x", LOG_LEVEL: "loud", SESSION_IDLE_TIMEOUT_MINUTES: "120", SESSION_ABSOLUTE_TIMEOUT_HOURS: "1" });
    expect(message).toMatch(/^Invalid configuration:\n/);
    expect(message).toContain("PORT=");
    expect(message).toContain("LOG_LEVEL=");
    expect(problems({ SESSION_IDLE_TIMEOUT_MINUTES: "120", SESSION_ABSOLUTE_TIMEOUT_HOURS: "1" })).toMatch(
      /SESSION_IDLE_TIMEOUT_MINUTES="120" must not be longer than SESSION_ABSOLUTE_TIMEOUT_HOURS/,
    );
  });

  it("names a bad secret but never shows its value", () => {
    const value = "LTAI-secret-value\n-pasted-with-a-newline";
    for (const name of ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN", "SIMULATOR_ACCESS_KEY_SECRET"]) {
      const message = problems({ [name]: value });
      expect(message).toContain(`${name} (value not shown) must be text without line breaks or control characters`);
      expect(message).not.toContain("LTAI-secret-value");
      expect(message).not.toContain("pasted");
    }
  });
});

describe("getConfig", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetConfig();
  });

  it("parses process.env once and keeps the result until reset", () => {
    process.env.RECONCILE_INTERVAL_MS = "1234";
    resetConfig();
    expect(getConfig().RECONCILE_INTERVAL_MS).toBe(1234);
    process.env.RECONCILE_INTERVAL_MS = "-1";
    expect(getConfig().RECONCILE_INTERVAL_MS).toBe(1234);
    resetConfig();
    expect(() => getConfig()).toThrow(ConfigError);
  });
});

/** The rows of the README's "## Configuration" table, by variable name: [default, accepted values]. */
function readmeTable(): Map<string, { default: string; accepted: string; meaning: string }> {
  const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0];
  if (!section) throw new Error("README.md has no ## Configuration section");
  const lines = section.split("\n").filter((line) => line.startsWith("|"));
  const [header, separator, ...rows] = lines;
  expect(header).toBe("| variable | default | accepted values | meaning |");
  expect(separator).toBe("|---|---|---|---|");
  const table = new Map<string, { default: string; accepted: string; meaning: string }>();
  for (const row of rows) {
    // Split on the pipes between cells, not on escaped ones (\|) inside a cell.
    const cells = row.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim());
    expect(cells, row).toHaveLength(4);
    const [variable, defaultValue, accepted, meaning] = cells as [string, string, string, string];
    const name = /^`([A-Z0-9_]+)`$/.exec(variable)?.[1];
    expect(name, `one variable per row: ${row}`).toBeDefined();
    expect(table.has(name!), `listed twice: ${name}`).toBe(false);
    table.set(name!, { default: defaultValue, accepted, meaning });
  }
  return table;
}

describe("the README's configuration table", () => {
  it("lists exactly the schema's variables, in order, with their defaults and accepted values", () => {
    const table = readmeTable();
    expect([...table.keys()]).toEqual(VARIABLE_NAMES);
    for (const name of VARIABLE_NAMES) {
      const row = table.get(name)!;
      const doc = VARIABLES[name as VariableName];
      expect({ name, default: row.default, accepted: row.accepted }).toEqual({ name, default: doc.default, accepted: doc.accepted.replaceAll("|", "\\|") });
      expect(row.meaning, name).not.toBe("");
    }
  });

  it("documents the defaults the schema applies", () => {
    const config = parseConfig({}) as Record<string, unknown>;
    for (const name of VARIABLE_NAMES) {
      const literal = /^`([^`]+)`$/.exec(VARIABLES[name].default)?.[1];
      if (literal === undefined || name === "ALIBABA_CLOUD_CREDENTIALS_FILE") continue; // the SDK's default, not ours
      expect(String(config[name]), name).toBe(literal);
    }
    expect(VARIABLES.TRUSTED_PROXIES.default).toBe("`0` (none)");
    expect(config.TRUSTED_PROXIES).toEqual({ kind: "none" });
  });
});
