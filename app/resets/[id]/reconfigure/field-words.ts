"use client";
// The reconfiguration form's words for each ConfigureDtsJob parameter (label, hint) and each
// problem parameterIssues() finds, in the reader's language. The parameter names themselves are
// DTS's and shown as they are, beside the label.
import { useTranslations } from "next-intl";
import { entryOf, type MessageKey } from "@/lib/client/message-key";
import { RESERVE_PREFIX, type ConfigureField, type ConfigureGroup, type ParameterIssue, type ParameterIssueCode } from "@/lib/domain/reconfigure";

type Key = MessageKey<"Reconfigure">;

/** A parameter's label, by name; the two endpoints' parameters by what follows `…Endpoint`, as they share their words. */
const LABEL_KEYS: Record<string, Key> = {
  DtsJobName: "fieldDtsJobName",
  InstanceType: "fieldInstanceType",
  EngineName: "fieldEngineName",
  Region: "fieldRegion",
  InstanceID: "fieldInstanceId",
  IP: "fieldIp",
  Port: "fieldPort",
  DatabaseName: "fieldDatabaseName",
  DataBaseName: "fieldDatabaseName",
  OracleSID: "fieldOracleSid",
  UserName: "fieldUserName",
  OwnerID: "fieldOwnerId",
  Role: "fieldRole",
  StructureInitialization: "fieldStructureInitialization",
  DataInitialization: "fieldDataInitialization",
  DataSynchronization: "fieldDataSynchronization",
  DbList: "fieldDbList",
  "Reserve.targetTableMode": "fieldTargetTableMode",
  "Reserve.conflict": "fieldConflict",
  "Reserve.filterDDL": "fieldFilterDdl",
  "Reserve.maxRetryTime": "fieldMaxRetryTime",
  Checkpoint: "fieldCheckpoint",
  DtsBisLabel: "fieldDtsBisLabel",
  DedicatedClusterId: "fieldDedicatedClusterId",
  ResourceGroupId: "fieldResourceGroupId",
  SubscriptionInstanceNetworkType: "fieldNetworkType",
  SubscriptionInstanceVPCId: "fieldVpcId",
  SubscriptionInstanceVSwitchId: "fieldVSwitchId",
  SubscriptionDataTypeDDL: "fieldTrackDdl",
  SubscriptionDataTypeDML: "fieldTrackDml",
  DelayNotice: "fieldDelayNotice",
  DelayRuleTime: "fieldDelayRuleTime",
  DelayPhone: "fieldDelayPhone",
  ErrorNotice: "fieldErrorNotice",
  ErrorPhone: "fieldErrorPhone",
  MaxDu: "fieldMaxDu",
  MinDu: "fieldMinDu",
};

/** A parameter's hint, keyed like its label; a field with a hint not listed here keeps the domain's English. */
const HINT_KEYS: Record<string, Key> = {
  Region: "hintRegion",
  IP: "hintIp",
  DataInitialization: "hintDataInitialization",
  "Reserve.targetTableMode": "hintTargetTableMode",
  "Reserve.conflict": "hintTwoWayOnly",
  "Reserve.filterDDL": "hintTwoWayOnly",
  Checkpoint: "hintCheckpoint",
  DelayRuleTime: "hintDelayRuleTime",
  DelayPhone: "hintAlertPhone",
  ErrorPhone: "hintAlertPhone",
  MaxDu: "hintMaxDu",
  MinDu: "hintMinDu",
};

const GROUP_KEYS: Record<ConfigureGroup, Key> = {
  source: "groupSource",
  destination: "groupDestination",
  network: "groupNetwork",
  objects: "groupObjects",
  options: "groupOptions",
};

/** What is wrong, by kind, for the kinds whose words need no more than the field's label. */
const ISSUE_KEYS: Record<Exclude<ParameterIssueCode, "enum" | "requiredFor">, Key> = {
  required: "issueRequired",
  boolean: "issueBoolean",
  number: "issueNumber",
  json: "issueJson",
  retryRange: "issueRetryRange",
  dbListTooLarge: "issueDbListTooLarge",
  duRange: "issueDuRange",
  serverlessOnly: "issueServerlessOnly",
  phoneFormat: "issuePhoneFormat",
  phoneCount: "issuePhoneCount",
};

/** A parameter's name as its words are keyed: what follows `SourceEndpoint`/`DestinationEndpoint`, or the whole name. */
const wordsName = (name: string) => /^(?:Source|Destination)Endpoint(.+)$/.exec(name)?.[1] ?? name;

export function useFieldWords() {
  const t = useTranslations("Reconfigure");

  function label(field: Pick<ConfigureField, "name" | "label">): string {
    const key = entryOf(LABEL_KEYS, wordsName(field.name));
    if (key) return t(key);
    // Another key of Reserve the snapshot had.
    return field.name.startsWith(RESERVE_PREFIX) ? t("fieldReserveKey", { key: field.name.slice(RESERVE_PREFIX.length) }) : field.label;
  }

  function hint(field: Pick<ConfigureField, "name" | "hint">): string | undefined {
    if (!field.hint) return undefined;
    const key = entryOf(HINT_KEYS, wordsName(field.name));
    return key ? t(key) : field.hint;
  }

  const group = (name: ConfigureGroup): string => t(GROUP_KEYS[name]);

  /** What is wrong with a value, from the issue's kind (the issue's own message is the API's English). */
  function issue(found: ParameterIssue, field: Pick<ConfigureField, "name" | "label"> | undefined): string {
    const fieldLabel = label(field ?? { name: found.name, label: found.name });
    const side = found.name.startsWith("Source") ? t("sideSource") : t("sideDestination");
    const type = found.type ?? "";
    if (found.code === "enum") return t("issueEnum", { label: fieldLabel, options: (found.options ?? []).join(", ") });
    if (found.code === "requiredFor") {
      if (found.name.endsWith("EndpointIP")) return t("issueRequiredForIp", { side, type });
      if (found.name.endsWith("EndpointPort")) return t("issueRequiredForPort", { side, type });
      if (found.name.endsWith("EndpointRegion")) return t("issueRequiredForRegion", { side, type });
      return t("issueRequiredForInstanceId", { side, type });
    }
    return t(ISSUE_KEYS[found.code], { label: fieldLabel });
  }

  return { label, hint, group, issue };
}
