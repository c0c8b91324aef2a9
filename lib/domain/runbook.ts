// The command a runbook can keep: for every DTS call the console makes, the equivalent `aliyun`
// CLI command and TypeScript SDK call, the way Alibaba's OpenAPI Explorer shows "sample code".
// Pure and safe for the browser: the same text is on the pages, in the JSON API (`equivalent`) and
// in the JSON export.
//
// - CLI: `aliyun <product> <Action> --<Param> <value> …` (the CLI's syntax for RPC APIs;
//   `--profile <name>` picks a configured profile). `--RegionId` is always sent explicitly (whether
//   `--region` alone fills it for DTS is UNCONFIRMED). Every value that is not a plain word is
//   single-quoted for a POSIX shell (a `'` inside becomes `'\''`), so a name with quotes, `$`,
//   backticks, line breaks or CJK text pastes unchanged; JSON (DbList, Reserve) too.
// - SDK: `@alicloud/dts20200101`'s `<Action>Request` and `client.<action>WithOptions(request,
//   runtime)`; field names are the parameter's with a lower-case first letter (the request
//   classes' `names()`), booleans and numbers typed as the request classes type them. The package
//   is not a dependency of this project: the sample is text only.
// - Never a secret: no AccessKey (the SDK sample reads it from the environment), no token, no
//   password (a password is `"$DTS_SOURCE_PASSWORD"` / `process.env.DTS_SOURCE_PASSWORD`, to be
//   set by whoever runs it).
import type { Direction } from "./task";

/** The account of a console with one: DEFAULT_ACCOUNT of task-ref.ts, not imported (that module carries zod, and this one is on pages). */
const DEFAULT_ACCOUNT = "default";

export interface Equivalent {
  /** One `aliyun` command line, POSIX-shell quoted. */
  cli: string;
  /** A TypeScript snippet with @alicloud/dts20200101 (not installed here: text only). */
  sdk: string;
}

export type RunbookAction = "ResetDtsJob" | "ConfigureDtsJob" | "ConfigureSubscription" | "StartDtsJob";

/** The placeholders standing for passwords: an environment variable the operator sets. */
export const PASSWORD_PLACEHOLDERS = {
  SourceEndpointPassword: "DTS_SOURCE_PASSWORD",
  DestinationEndpointPassword: "DTS_DESTINATION_PASSWORD",
} as const;

const PLAIN = /^[A-Za-z0-9_.,:/@%+=-]+$/;

/** A word for a POSIX shell: bare when it is plain, else single-quoted (`'` as `'\''`). */
export function shellQuote(value: string): string {
  if (value !== "" && PLAIN.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The CLI profile for an account: none while the console has its one `default` account. */
export function profileOf(account: string): string | null {
  return account === DEFAULT_ACCOUNT ? null : account;
}

/** An SDK field name: the parameter's with a lower-case first letter (`DtsJobId` → `dtsJobId`). */
export function sdkFieldName(parameter: string): string {
  return parameter.charAt(0).toLowerCase() + parameter.slice(1);
}

/** Parameters the request classes type as boolean or number (ConfigureDtsJobRequest, ConfigureSubscriptionRequest). */
const BOOLEAN_PARAMETERS = new Set([
  "StructureInitialization", "DataInitialization", "DataSynchronization", "DelayNotice", "ErrorNotice", "DisasterRecoveryJob",
  "SubscriptionDataTypeDDL", "SubscriptionDataTypeDML",
]);
const NUMBER_PARAMETERS = new Set(["DelayRuleTime", "MaxDu", "MinDu"]);

/** A TypeScript literal for a parameter's value: JSON's string syntax is a valid, exact TS string literal. */
function sdkLiteral(name: string, value: string): string {
  if (BOOLEAN_PARAMETERS.has(name) && (value === "true" || value === "false")) return value;
  if (NUMBER_PARAMETERS.has(name) && /^\d{1,15}$/.test(value)) return String(Number(value));
  return JSON.stringify(value);
}

/** One parameter of a command: a literal value, or a password placeholder. */
export type RunbookParameter = readonly [name: string, value: string] | readonly [name: string, placeholder: { env: string }];

function cliValue(value: string | { env: string }): string {
  return typeof value === "string" ? shellQuote(value) : `"$${value.env}"`;
}

/** `aliyun dts <Action> --Param value …` with an optional `--profile`. */
export function cliCommand(action: RunbookAction, parameters: readonly RunbookParameter[], profile: string | null): string {
  const words = ["aliyun", "dts", action];
  for (const [name, value] of parameters) words.push(`--${name}`, cliValue(value));
  if (profile) words.push("--profile", shellQuote(profile));
  return words.join(" ");
}

/** The OpenAPI Explorer style TypeScript sample for one call. */
export function sdkCall(action: RunbookAction, region: string, parameters: readonly RunbookParameter[], profile: string | null): string {
  const method = sdkFieldName(action);
  const fields = parameters.map(([name, value]) => `  ${sdkFieldName(name)}: ${typeof value === "string" ? sdkLiteral(name, value) : `process.env.${value.env}`},`);
  return [
    `import Dts20200101, * as $Dts20200101 from "@alicloud/dts20200101";`,
    `import * as $OpenApi from "@alicloud/openapi-client";`,
    `import * as $Util from "@alicloud/tea-util";`,
    ``,
    profile
      ? `// The keys of the account "${profile.replace(/[^a-z0-9-]/g, "")}" (the CLI's --profile), from the environment: never in the code.`
      : `// The keys come from the environment: never in the code.`,
    `const config = new $OpenApi.Config({`,
    `  accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,`,
    `  accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,`,
    `});`,
    `config.endpoint = ${JSON.stringify(`dts.${region}.aliyuncs.com`)};`,
    `const client = new Dts20200101(config);`,
    `const request = new $Dts20200101.${action}Request({`,
    ...fields,
    `});`,
    `const runtime = new $Util.RuntimeOptions({});`,
    `const response = await client.${method}WithOptions(request, runtime);`,
    `console.log(response.body.requestId);`,
  ].join("\n");
}

function equivalentOf(action: RunbookAction, region: string, parameters: readonly RunbookParameter[], account: string): Equivalent {
  const profile = profileOf(account);
  return { cli: cliCommand(action, parameters, profile), sdk: sdkCall(action, region, parameters, profile) };
}

export interface ResetCommandInput {
  account: string;
  region: string;
  /** The task ID the reset names (the forward task's, also for Reverse). */
  jobId: string;
  instanceId: string;
  direction: Direction;
}

/** ResetDtsJob with the parameters the console sends (lib/dts/operations.ts resetJob). */
export function resetEquivalent(input: ResetCommandInput): Equivalent {
  return taskCallEquivalent("ResetDtsJob", input);
}

/** A call that names one task and direction, as the console sends ResetDtsJob and StartDtsJob. */
function taskCallEquivalent(action: "ResetDtsJob" | "StartDtsJob", input: ResetCommandInput): Equivalent {
  const parameters: RunbookParameter[] = [
    ["RegionId", input.region],
    ["DtsJobId", input.jobId],
    ["DtsInstanceId", input.instanceId],
    ["SynchronizationDirection", input.direction],
  ];
  return equivalentOf(action, input.region, parameters, input.account);
}

const RESERVE_PREFIX = "Reserve.";
const FIRST = ["RegionId", "DtsJobId", "DtsInstanceId", "SynchronizationDirection", "JobType", "DtsJobName"];

/**
 * The parameters of a configuration as DTS receives them: identity first, then the recorded ones in
 * their order, `Reserve.<key>` entries gathered into the Reserve JSON, DbList and Reserve last, and
 * the password placeholders. `parameters` is a record's (never a password).
 */
export function configureParametersForCall(action: "ConfigureDtsJob" | "ConfigureSubscription", parameters: Readonly<Record<string, string>>): RunbookParameter[] {
  const out: RunbookParameter[] = [];
  const reserve: Record<string, string> = {};
  const rest: [string, string][] = [];
  for (const [name, value] of Object.entries(parameters)) {
    if (value === "" || /Password$/i.test(name)) continue;
    if (name.startsWith(RESERVE_PREFIX)) reserve[name.slice(RESERVE_PREFIX.length)] = value;
    else if (name !== "DbList" && name !== "Reserve") rest.push([name, value]);
  }
  for (const name of FIRST) {
    const found = rest.find(([n]) => n === name);
    if (found) out.push(found);
  }
  for (const entry of rest) if (!FIRST.includes(entry[0])) out.push(entry);
  out.push(["SourceEndpointPassword", { env: PASSWORD_PLACEHOLDERS.SourceEndpointPassword }]);
  if (action === "ConfigureDtsJob") out.push(["DestinationEndpointPassword", { env: PASSWORD_PLACEHOLDERS.DestinationEndpointPassword }]);
  if (parameters.DbList) out.push(["DbList", parameters.DbList]);
  if (Object.keys(reserve).length) out.push(["Reserve", JSON.stringify(reserve)]);
  else if (parameters.Reserve) out.push(["Reserve", parameters.Reserve]);
  return out;
}

/** ConfigureDtsJob (sync) or ConfigureSubscription (change tracking) with the parameters sent. */
export function configureEquivalent(
  action: "ConfigureDtsJob" | "ConfigureSubscription",
  input: { account: string; region: string; parameters: Readonly<Record<string, string>> },
): Equivalent {
  const parameters = { ...input.parameters, RegionId: input.parameters.RegionId ?? input.region };
  return equivalentOf(action, input.region, configureParametersForCall(action, parameters), input.account);
}

/** StartDtsJob, as the console sends it to start (or start again) a configured task. */
export function startEquivalent(input: ResetCommandInput): Equivalent {
  return taskCallEquivalent("StartDtsJob", input);
}
