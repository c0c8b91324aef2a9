// Every environment variable the console reads, declared, typed and validated once. Modules take
// typed values from getConfig() (parsed on first use, then cached) or take them as parameters;
// nothing else reads process.env for configuration. The README's configuration table lists exactly
// these variables, with the default and accepted values documented in VARIABLES below
// (tests/unit/config-env.test.ts compares the two).
//
// Validated at start: scripts/serve.ts before anything listens, instrumentation.ts when the Next.js
// server starts. Never at import time, so that `next build` does not depend on runtime settings.
//
// Server-only (the scripts that load it run with --conditions=react-server, under which the marker
// is an empty module); eslint.config.mjs also keeps browser code from importing lib/config.
//
// Not here: NODE_ENV, NEXT_RUNTIME and NEXT_PHASE (set by Next.js, not by an operator), the test and
// benchmark harness's own variables, and the variables of the standalone simulator (simulator/).
import "server-only";
import path from "node:path";
import { z } from "zod";
import { DTS_REGIONS, findRegion } from "@/lib/domain/regions";
import { MAX_TRUSTED_PROXY_COUNT, NO_TRUSTED_PROXIES, parseTrustedProxies } from "./trusted-proxies";
import { accountsFrom, AccountsConfigError, type AccountEntry } from "./accounts";
import { ROLES } from "@/lib/domain/roles";
import { isLoopbackHost, parseRoleMap, parseClaimPath } from "@/lib/domain/users";

if (typeof window !== "undefined") throw new Error("lib/config/env is server code: the browser must not import it");

export type AppMode = "simulator" | "live";
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const MINUTE = 60_000;

/** A value that turns into T, or into an issue saying what is accepted (never echoing the value). */
function rule<T>(accepted: string, parse: (text: string) => T | undefined) {
  return z.string().transform((raw, ctx) => {
    const value = parse(raw);
    if (value === undefined) {
      ctx.issues.push({ code: "custom", message: `must be ${accepted}`, input: raw });
      return z.NEVER;
    }
    return value;
  });
}

function wholeNumber(min: number, max: number, unit = "") {
  return rule(`a whole number${unit ? ` of ${unit}` : ""} from ${min} to ${max}`, (text) => {
    const t = text.trim();
    const value = Number(t);
    return /^\d+$/.test(t) && value >= min && value <= max ? value : undefined;
  });
}

const positiveNumber = (unit: string) =>
  rule(`a positive number of ${unit}`, (text) => {
    const value = Number(text.trim());
    return text.trim() !== "" && Number.isFinite(value) && value > 0 ? value : undefined;
  });

function oneOf<const T extends string>(values: readonly T[]) {
  return rule(`one of ${values.join(", ")}`, (text) => values.find((v) => v === text.trim().toLowerCase()));
}

/** The sslmode values `pg` understands (libpq's, plus no-verify). */
const SSL_MODES = ["disable", "prefer", "require", "verify-ca", "verify-full", "no-verify"];

const flag = () => oneOf(["true", "false"]).transform((v) => v === "true");

const text = () => rule("text", (t) => t);

const filePath = () => rule("a file path", (t) => t);

/** A secret: any text, but a pasted line break or control character is a mistake worth stopping on. */
const secret = () => rule("text without line breaks or control characters", (t) => (/[\u0000-\u001f\u007f]/.test(t) ? undefined : t));

/** 32 random bytes in base64 (`openssl rand -base64 32`): an AES-256 key. */
const secretKey = () =>
  rule("32 bytes in base64, e.g. the output of `openssl rand -base64 32`", (t) => {
    const trimmed = t.trim();
    if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return undefined;
    const key = Buffer.from(trimmed, "base64");
    return key.length === 32 ? key : undefined;
  });

function httpUrl(what: string, toValue: (url: URL, text: string) => string) {
  return rule(`${what} starting with http:// or https://, e.g. http://127.0.0.1:4010`, (t) => {
    try {
      const url = new URL(t.trim());
      return url.protocol === "http:" || url.protocol === "https:" ? toValue(url, t.trim()) : undefined;
    } catch {
      return undefined;
    }
  });
}

export const SIMULATOR_DEFAULT_ACCESS_KEY_ID = "sim-access-key-id";
// The simulator's documented default key pair (simulator/config.ts). Not a secret: it only opens the
// local simulator, never an Alibaba Cloud account.
export const SIMULATOR_DEFAULT_ACCESS_KEY_SECRET = "sim-access-key-secret-0123456789";
export const DEFAULT_REGION = "cn-hangzhou";

const variables = z.object({
  DTS_MODE: oneOf(["simulator", "live"]).optional(),
  ALIBABA_CLOUD_ACCESS_KEY_ID: text().optional(),
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret().optional(),
  ALIBABA_CLOUD_SECURITY_TOKEN: secret().optional(),
  ALIBABA_CLOUD_ROLE_ARN: text().optional(),
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN: text().optional(),
  ALIBABA_CLOUD_OIDC_TOKEN_FILE: filePath().optional(),
  ALIBABA_CLOUD_CREDENTIALS_FILE: filePath().optional(),
  ALIBABA_CLOUD_ECS_METADATA: text().optional(),
  DTS_USE_ECS_RAM_ROLE: flag().default(false),
  DTS_USE_CLI_PROFILE: flag().default(false),
  DTS_ENDPOINT: httpUrl("a full URL", (_url, text) => text).optional(),
  // The accounts (lib/config/accounts.ts): a JSON array, or a file holding it.
  DTS_ACCOUNTS: text().optional(),
  DTS_ACCOUNTS_FILE: filePath().optional(),
  STS_ENDPOINT: httpUrl("a full URL", (_url, text) => text).optional(),
  DTS_SIGNATURE_VERSION: oneOf(["v3", "v1"]).default("v3"),
  DTS_CONNECT_TIMEOUT_MS: wholeNumber(100, 120_000, "milliseconds").default(5_000),
  DTS_READ_TIMEOUT_MS: wholeNumber(100, 120_000, "milliseconds").default(15_000),
  DTS_MAX_ATTEMPTS: wholeNumber(1, 5).default(3),
  // DTS's read quota is the account's (20 and 40 calls/s per region): see lib/dts/quota.ts.
  DTS_LIST_CALLS_PER_SECOND: positiveNumber("calls per second").default(20),
  DTS_DETAIL_CALLS_PER_SECOND: positiveNumber("calls per second").default(40),
  DTS_READ_FRESHNESS_MS: wholeNumber(0, 600_000, "milliseconds").default(2_000),
  DTS_DEFAULT_REGION: rule(`a DTS region ID: ${DTS_REGIONS.map((r) => r.id).join(", ")}`, (t) => findRegion(t.trim())?.id).default(DEFAULT_REGION),
  AUDIT_DB_PATH: filePath().default(path.join("data", "audit.sqlite")),
  DATABASE_URL: rule("a postgres:// or postgresql:// URL with a host, e.g. postgres://console:PASSWORD@db.internal:5432/dts_console?sslmode=verify-full", (t) => {
    if (/[\u0000-\u001f\u007f]/.test(t)) return undefined;
    try {
      const url = new URL(t.trim());
      if ((url.protocol !== "postgres:" && url.protocol !== "postgresql:") || url.hostname === "") return undefined;
      const sslmode = url.searchParams.get("sslmode");
      if (sslmode !== null && !SSL_MODES.includes(sslmode)) return undefined;
      return t.trim();
    } catch {
      return undefined;
    }
  }).optional(),
  // setInterval turns anything above 2^31-1 ms into 1 ms, and anything below 1 into 1 ms as well.
  RECONCILE_INTERVAL_MS: wholeNumber(100, 2_147_483_647, "milliseconds").default(10_000),
  RECONCILE_SETTLE_MS: wholeNumber(0, 86_400_000, "milliseconds").default(300_000),
  // ResetDtsJob's own limit is unpublished: the bulk worker sends at most this many per account.
  BULK_RESET_CALLS_PER_SECOND: positiveNumber("calls per second").default(1),
  BULK_LEASE_MS: wholeNumber(1_000, 600_000, "milliseconds").default(30_000),
  RESET_APPROVAL: oneOf(["off", "required"]).default("off"),
  RESET_APPROVAL_TTL_HOURS: positiveNumber("hours").default(24),
  APPROVAL_WEBHOOK_URL: httpUrl("a URL", (_url, t) => t).optional(),
  APPROVAL_WEBHOOK_SECRET: secret().optional(),
  // Notifications (issue 24; lib/notify): the key that seals channel URLs and secrets at rest.
  NOTIFY_SECRET_KEY: secretKey().optional(),
  NOTIFY_SECRET_KEY_PREVIOUS: secretKey().optional(),
  NOTIFY_ALLOW_LOOPBACK: flag().default(false),
  NOTIFY_TIMEOUT_MS: wholeNumber(100, 60_000, "milliseconds").default(10_000),
  NOTIFY_RETRY_BASE_MS: wholeNumber(10, 3_600_000, "milliseconds").default(30_000),
  CONSOLE_ADMIN_USERNAME: rule("a username", (t) => t.trim() || undefined).optional(),
  CONSOLE_ADMIN_PASSWORD: text().optional(),
  SESSION_IDLE_TIMEOUT_MINUTES: positiveNumber("minutes").default(30),
  SESSION_ABSOLUTE_TIMEOUT_HOURS: positiveNumber("hours").default(12),
  // Sign-in through the company's OpenID Provider (issue 23; lib/auth/oidc.ts).
  OIDC_ISSUER: rule("an https:// issuer URL (http:// only on a loopback address: 127.0.0.1, ::1, localhost)", (t) => {
    try {
      const url = new URL(t.trim());
      if (url.username || url.password || url.search || url.hash) return undefined;
      if (url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname))) return t.trim();
      return undefined;
    } catch {
      return undefined;
    }
  }).optional(),
  OIDC_CLIENT_ID: rule("a client ID", (t) => (t.trim() && !/[\u0000-\u001f\u007f]/.test(t) ? t.trim() : undefined)).optional(),
  OIDC_CLIENT_SECRET: secret().optional(),
  OIDC_CLIENT_AUTH: oneOf(["client_secret_basic", "client_secret_post"]).default("client_secret_basic"),
  OIDC_DISPLAY_NAME: rule("a name of 1 to 64 characters", (t) => (t.trim().length >= 1 && t.trim().length <= 64 && !/[\u0000-\u001f\u007f]/.test(t) ? t.trim() : undefined)).default("SSO"),
  OIDC_SCOPES: rule("space-separated scopes including openid", (t) => {
    const scopes = t.trim().split(/\s+/);
    return scopes.includes("openid") && scopes.every((s) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s)) ? scopes.join(" ") : undefined;
  }).default("openid profile email"),
  OIDC_ROLES_CLAIM: rule("a claim name or a dotted path to one, e.g. groups or realm_access.roles", (t) => (parseClaimPath(t) ? t.trim() : undefined)).default("groups"),
  OIDC_ROLE_MAP: z
    .string()
    .transform((raw, ctx) => {
      const parsed = parseRoleMap(raw);
      if (parsed.ok) return parsed.value;
      ctx.issues.push({ code: "custom", message: parsed.message, input: raw });
      return z.NEVER;
    })
    .optional(),
  OIDC_DEFAULT_ROLE: oneOf(ROLES).optional(),
  LOCAL_SIGN_IN: oneOf(["enabled", "admins", "disabled"]).default("enabled"),
  CONSOLE_PUBLIC_ORIGIN: httpUrl("an origin", (url) => url.origin).optional(),
  TRUSTED_PROXIES: z
    .string()
    .transform((raw, ctx) => {
      const parsed = parseTrustedProxies(raw);
      if (parsed.ok) return parsed.value;
      ctx.issues.push({ code: "custom", message: parsed.message, input: raw });
      return z.NEVER;
    })
    .default(NO_TRUSTED_PROXIES),
  LOG_FILE: filePath().optional(),
  LOG_LEVEL: oneOf(["debug", "info", "warn", "error", "silent"]).default("info"),
  // The bearer token Prometheus sends to GET /api/metrics; unset, the route answers 404.
  METRICS_TOKEN: rule("16 to 256 printable ASCII characters without spaces (e.g. openssl rand -hex 32)", (t) => (/^[\x21-\x7e]{16,256}$/.test(t) ? t : undefined)).optional(),
  HOST: rule("a host name or IP address", (t) => (/^[A-Za-z0-9.:%_-]+$/.test(t.trim()) ? t.trim() : undefined)).default("127.0.0.1"),
  PORT: wholeNumber(1, 65_535).default(3000),
  SIMULATOR_PORT: wholeNumber(0, 65_535).default(0),
  SIMULATOR_ACCESS_KEY_ID: text().default(SIMULATOR_DEFAULT_ACCESS_KEY_ID),
  SIMULATOR_ACCESS_KEY_SECRET: secret().default(SIMULATOR_DEFAULT_ACCESS_KEY_SECRET),
});

export type VariableName = keyof z.input<typeof variables>;

export interface VariableDoc {
  /** As the README writes it. */
  default: string;
  accepted: string;
  /** Its value never appears in a message or a log line. */
  secret?: true;
}

const NONE = "–";
const ANY_TEXT = "any text";
const SECRET_TEXT = "any text without line breaks or control characters";
const FLAG = "`true`, `false`";
const PATH = "a file path";

/** What the README's configuration table says of each variable; the unit test keeps them equal. */
export const VARIABLES: Record<VariableName, VariableDoc> = {
  DTS_MODE: { default: "`simulator`, or `live` when credentials are set", accepted: "`simulator`, `live`" },
  ALIBABA_CLOUD_ACCESS_KEY_ID: { default: NONE, accepted: ANY_TEXT },
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: { default: NONE, accepted: SECRET_TEXT, secret: true },
  ALIBABA_CLOUD_SECURITY_TOKEN: { default: NONE, accepted: SECRET_TEXT, secret: true },
  ALIBABA_CLOUD_ROLE_ARN: { default: NONE, accepted: ANY_TEXT },
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN: { default: NONE, accepted: ANY_TEXT },
  ALIBABA_CLOUD_OIDC_TOKEN_FILE: { default: NONE, accepted: PATH },
  ALIBABA_CLOUD_CREDENTIALS_FILE: { default: "`~/.alibabacloud/credentials`", accepted: PATH },
  ALIBABA_CLOUD_ECS_METADATA: { default: NONE, accepted: "an ECS RAM role name" },
  DTS_USE_ECS_RAM_ROLE: { default: "`false`", accepted: FLAG },
  DTS_USE_CLI_PROFILE: { default: "`false`", accepted: FLAG },
  DTS_ENDPOINT: { default: "regional public endpoint", accepted: "an `http://` or `https://` URL" },
  // Marked secret so that a value is never echoed: an entry may hold an ExternalId.
  DTS_ACCOUNTS: { default: "one account, `default`, with the console's own credentials", accepted: "a JSON array of accounts (see \"Several Alibaba Cloud accounts\")", secret: true },
  DTS_ACCOUNTS_FILE: { default: NONE, accepted: "a file path to the same JSON array" },
  STS_ENDPOINT: { default: "`https://sts.aliyuncs.com` (the simulator's URL in simulator mode)", accepted: "an `http://` or `https://` URL" },
  DTS_SIGNATURE_VERSION: { default: "`v3`", accepted: "`v3`, `v1`" },
  DTS_CONNECT_TIMEOUT_MS: { default: "`5000`", accepted: "100 to 120000" },
  DTS_READ_TIMEOUT_MS: { default: "`15000`", accepted: "100 to 120000" },
  DTS_MAX_ATTEMPTS: { default: "`3`", accepted: "1 to 5" },
  DTS_LIST_CALLS_PER_SECOND: { default: "`20`", accepted: "a positive number" },
  DTS_DETAIL_CALLS_PER_SECOND: { default: "`40`", accepted: "a positive number" },
  DTS_READ_FRESHNESS_MS: { default: "`2000`", accepted: "0 to 600000" },
  DTS_DEFAULT_REGION: { default: "`cn-hangzhou`", accepted: "a region ID of `lib/domain/regions.ts`" },
  AUDIT_DB_PATH: { default: "`data/audit.sqlite`", accepted: PATH },
  DATABASE_URL: { default: NONE, accepted: "a `postgres://` or `postgresql://` URL (`sslmode` allowed)", secret: true },
  RECONCILE_INTERVAL_MS: { default: "`10000`", accepted: "100 to 2147483647" },
  RECONCILE_SETTLE_MS: { default: "`300000`", accepted: "0 to 86400000" },
  BULK_RESET_CALLS_PER_SECOND: { default: "`1`", accepted: "a positive number" },
  BULK_LEASE_MS: { default: "`30000`", accepted: "1000 to 600000" },
  RESET_APPROVAL: { default: "`off`", accepted: "`off`, `required`" },
  RESET_APPROVAL_TTL_HOURS: { default: "`24`", accepted: "a positive number" },
  APPROVAL_WEBHOOK_URL: { default: NONE, accepted: "an `http://` or `https://` URL" },
  APPROVAL_WEBHOOK_SECRET: { default: NONE, accepted: SECRET_TEXT, secret: true },
  NOTIFY_SECRET_KEY: { default: NONE, accepted: "32 bytes in base64 (`openssl rand -base64 32`)", secret: true },
  NOTIFY_SECRET_KEY_PREVIOUS: { default: NONE, accepted: "32 bytes in base64", secret: true },
  NOTIFY_ALLOW_LOOPBACK: { default: "`false`", accepted: "`true`, `false`" },
  NOTIFY_TIMEOUT_MS: { default: "`10000`", accepted: "100 to 60000" },
  NOTIFY_RETRY_BASE_MS: { default: "`30000`", accepted: "10 to 3600000" },
  CONSOLE_ADMIN_USERNAME: { default: NONE, accepted: "a username" },
  CONSOLE_ADMIN_PASSWORD: { default: NONE, accepted: ANY_TEXT, secret: true },
  SESSION_IDLE_TIMEOUT_MINUTES: { default: "`30`", accepted: "a positive number" },
  SESSION_ABSOLUTE_TIMEOUT_HOURS: { default: "`12`", accepted: "a positive number, at least the idle timeout" },
  OIDC_ISSUER: { default: NONE, accepted: "an `https://` URL (`http://` on `127.0.0.1`, `::1`, `localhost` only)" },
  OIDC_CLIENT_ID: { default: NONE, accepted: ANY_TEXT },
  OIDC_CLIENT_SECRET: { default: NONE, accepted: SECRET_TEXT, secret: true },
  OIDC_CLIENT_AUTH: { default: "`client_secret_basic`", accepted: "`client_secret_basic`, `client_secret_post`" },
  OIDC_DISPLAY_NAME: { default: "`SSO`", accepted: "1 to 64 characters" },
  OIDC_SCOPES: { default: "`openid profile email`", accepted: "space-separated scopes including `openid`" },
  OIDC_ROLES_CLAIM: { default: "`groups`", accepted: "a claim name or dotted path (`realm_access.roles`)" },
  OIDC_ROLE_MAP: { default: NONE, accepted: "comma-separated `group=role` pairs, role one of `viewer`, `operator`, `admin`" },
  OIDC_DEFAULT_ROLE: { default: "none: refused", accepted: "`viewer`, `operator`, `admin`" },
  LOCAL_SIGN_IN: { default: "`enabled`", accepted: "`enabled`, `admins`, `disabled`" },
  CONSOLE_PUBLIC_ORIGIN: { default: NONE, accepted: "an `http://` or `https://` origin" },
  TRUSTED_PROXIES: { default: "`0` (none)", accepted: `a count from 0 to ${MAX_TRUSTED_PROXY_COUNT}, or a comma-separated list of IPv4/IPv6 addresses and CIDR ranges` },
  LOG_FILE: { default: NONE, accepted: PATH },
  LOG_LEVEL: { default: "`info`", accepted: "`debug`, `info`, `warn`, `error`, `silent`" },
  METRICS_TOKEN: { default: "– (the route is off)", accepted: "16 to 256 printable ASCII characters, no spaces", secret: true },
  HOST: { default: "`127.0.0.1`", accepted: "a host name or IP address" },
  PORT: { default: "`3000`", accepted: "1 to 65535" },
  SIMULATOR_PORT: { default: "random free port", accepted: "0 to 65535 (0: random)" },
  SIMULATOR_ACCESS_KEY_ID: { default: `\`${SIMULATOR_DEFAULT_ACCESS_KEY_ID}\``, accepted: ANY_TEXT },
  SIMULATOR_ACCESS_KEY_SECRET: { default: `\`${SIMULATOR_DEFAULT_ACCESS_KEY_SECRET}\``, accepted: SECRET_TEXT, secret: true },
};

export const VARIABLE_NAMES = Object.keys(variables.shape) as VariableName[];

/** Any of these configured selects live mode when DTS_MODE is not set. */
const CREDENTIAL_VARIABLES = ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_ECS_METADATA"] as const;

/** OIDC's variables go together: an issuer needs a client, a callback origin and a way to a role. */
function checkOidc(v: z.output<typeof variables>, ctx: z.RefinementCtx): void {
  const need = (variable: string, message: string) => ctx.issues.push({ code: "custom", path: [variable], message, input: undefined });
  if (!v.OIDC_ISSUER) {
    for (const name of ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ROLE_MAP", "OIDC_DEFAULT_ROLE"] as const) {
      if (v[name] !== undefined) need(name, "is set but OIDC_ISSUER is not: set the provider's issuer too, or remove it");
    }
    if (v.LOCAL_SIGN_IN !== "enabled") need("LOCAL_SIGN_IN", `must be enabled unless OIDC_ISSUER is set: otherwise nobody could sign in`);
    return;
  }
  if (!v.OIDC_CLIENT_ID) need("OIDC_CLIENT_ID", "is required with OIDC_ISSUER: the client ID registered at the provider");
  if (!v.OIDC_CLIENT_SECRET) need("OIDC_CLIENT_SECRET", "is required with OIDC_ISSUER: the console is a confidential client");
  if (!v.CONSOLE_PUBLIC_ORIGIN) need("CONSOLE_PUBLIC_ORIGIN", "is required with OIDC_ISSUER: the redirect URI is <CONSOLE_PUBLIC_ORIGIN>/api/auth/oidc/callback");
  if (!v.OIDC_ROLE_MAP?.length && !v.OIDC_DEFAULT_ROLE) need("OIDC_ROLE_MAP", "is required with OIDC_ISSUER unless OIDC_DEFAULT_ROLE is set: without either, everyone would be refused");
}

const schema = variables
  .superRefine((v, ctx) => {
    try {
      accountsFrom(v);
    } catch (error) {
      if (!(error instanceof AccountsConfigError)) throw error;
      ctx.issues.push({ code: "custom", path: [v.DTS_ACCOUNTS_FILE && !v.DTS_ACCOUNTS ? "DTS_ACCOUNTS_FILE" : "DTS_ACCOUNTS"], message: error.message, input: undefined });
    }
    checkOidc(v, ctx);
    if (v.NOTIFY_SECRET_KEY_PREVIOUS && !v.NOTIFY_SECRET_KEY) {
      ctx.issues.push({ code: "custom", path: ["NOTIFY_SECRET_KEY_PREVIOUS"], message: "is set but NOTIFY_SECRET_KEY is not: the previous key only opens, the current one seals", input: undefined });
    }
    if (v.SESSION_IDLE_TIMEOUT_MINUTES * MINUTE > v.SESSION_ABSOLUTE_TIMEOUT_HOURS * 60 * MINUTE) {
      ctx.issues.push({
        code: "custom",
        path: ["SESSION_IDLE_TIMEOUT_MINUTES"],
        message: "must not be longer than SESSION_ABSOLUTE_TIMEOUT_HOURS",
        input: v.SESSION_IDLE_TIMEOUT_MINUTES,
      });
    }
  })
  .transform((v) => ({
    ...v,
    // Simulator mode unless DTS_MODE says otherwise or Alibaba Cloud credentials are configured: a
    // laptop with nothing set up must never talk to a real account by accident, and a server with
    // credentials must not silently fall back to fake data.
    DTS_MODE: v.DTS_MODE ?? (CREDENTIAL_VARIABLES.some((name) => !!v[name]?.trim()) ? "live" : "simulator"),
    /** The accounts, in the order configured; the first is the default of every route. */
    ACCOUNTS: accountsFrom(v) as readonly AccountEntry[],
  }));

export type Config = z.output<typeof schema>;

export interface ConfigProblem {
  variable: string;
  /** Says what is accepted; shows the value given unless the variable is a secret. */
  message: string;
}

/** A configuration that cannot be used. Its message lists every bad variable and never a secret's value. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.message}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function describeProblem(variable: string, rawValue: string | undefined, message: string): ConfigProblem {
  const doc = VARIABLES[variable as VariableName];
  if (doc?.secret) {
    const safe = rawValue ? message.split(rawValue).join("[hidden]") : message;
    return { variable, message: `${variable} (value not shown) ${safe}` };
  }
  const shown = rawValue === undefined ? "" : `=${JSON.stringify(rawValue.length > 80 ? `${rawValue.slice(0, 80)}…` : rawValue)}`;
  return { variable, message: `${variable}${shown} ${message}` };
}

/** The set variables as the schema sees them: an empty value is an unset one. */
function presentVariables(env: Readonly<Record<string, string | undefined>>): Partial<Record<VariableName, string>> {
  const input: Partial<Record<VariableName, string>> = {};
  for (const name of VARIABLE_NAMES) {
    const value = env[name];
    if (value !== undefined && value !== "") input[name] = value;
  }
  return input;
}

/** Parses an environment; throws ConfigError naming every bad variable and what it accepts. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const input = presentVariables(env);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? "environment");
      return describeProblem(variable, input[variable as VariableName], issue.message);
    }),
  );
}

let cached: Config | null = null;

/** This process's configuration, parsed from process.env on first use. Throws ConfigError. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Forgets the parsed configuration (tests that change process.env; nothing else should need it). */
export function resetConfig(): void {
  cached = null;
}

/**
 * Values of the secret variables set in `env`, unvalidated: the log redaction (lib/log/redact.ts)
 * must cut them out of every line even when some other variable is invalid.
 */
export function configuredSecretValues(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  return VARIABLE_NAMES.filter((name) => VARIABLES[name].secret)
    .map((name) => env[name])
    .filter((value): value is string => typeof value === "string" && value !== "");
}

/** The mode: `env` when given (the users CLI's injected environment), else this process's. */
export function getAppMode(env?: Readonly<Record<string, string | undefined>>): AppMode {
  return (env ? parseConfig(env) : getConfig()).DTS_MODE;
}

/** The region a bare /jobs opens on. */
export function getDefaultRegion(env?: Readonly<Record<string, string | undefined>>): string {
  return (env ? parseConfig(env) : getConfig()).DTS_DEFAULT_REGION;
}

/**
 * The Alibaba Cloud credential chain probes the ECS metadata service and reads the Aliyun CLI
 * profile when nothing else is configured; on a laptop that stalls each call by up to the probe's
 * timeout. Both stay off unless explicitly wanted. The SDK reads these switches from process.env,
 * so they are written there (never overriding an operator's own setting).
 */
export function disableSlowCredentialProbes(
  config: Pick<Config, "DTS_USE_ECS_RAM_ROLE" | "DTS_USE_CLI_PROFILE" | "ALIBABA_CLOUD_ECS_METADATA">,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (!config.DTS_USE_ECS_RAM_ROLE && !config.ALIBABA_CLOUD_ECS_METADATA) env.ALIBABA_CLOUD_ECS_METADATA_DISABLED ??= "true";
  if (!config.DTS_USE_CLI_PROFILE) env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED ??= "true";
}
