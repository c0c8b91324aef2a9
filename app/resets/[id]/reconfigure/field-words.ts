"use client";
// The reconfiguration form's words for each ConfigureDtsJob parameter (label, hint) and each
// problem parameterIssues() finds, in the reader's language. The parameter names themselves are
// DTS's and shown as they are, beside the label.
import { useTranslations } from "next-intl";
import { RESERVE_PREFIX, type ConfigureField, type ConfigureGroup, type ParameterIssue } from "@/lib/domain/reconfigure";

export function useFieldWords() {
  const t = useTranslations("Reconfigure");

  function label(field: Pick<ConfigureField, "name" | "label">): string {
    const name = field.name;
    // The two endpoints' parameters share their words.
    const endpoint = /^(?:Source|Destination)Endpoint(.+)$/.exec(name)?.[1];
    switch (endpoint ?? name) {
      case "DtsJobName":
        return t("fieldDtsJobName");
      case "InstanceType":
        return t("fieldInstanceType");
      case "EngineName":
        return t("fieldEngineName");
      case "Region":
        return t("fieldRegion");
      case "InstanceID":
        return t("fieldInstanceId");
      case "IP":
        return t("fieldIp");
      case "Port":
        return t("fieldPort");
      case "DatabaseName":
      case "DataBaseName":
        return t("fieldDatabaseName");
      case "OracleSID":
        return t("fieldOracleSid");
      case "UserName":
        return t("fieldUserName");
      case "OwnerID":
        return t("fieldOwnerId");
      case "Role":
        return t("fieldRole");
      case "StructureInitialization":
        return t("fieldStructureInitialization");
      case "DataInitialization":
        return t("fieldDataInitialization");
      case "DataSynchronization":
        return t("fieldDataSynchronization");
      case "DbList":
        return t("fieldDbList");
      case "Reserve.targetTableMode":
        return t("fieldTargetTableMode");
      case "Reserve.conflict":
        return t("fieldConflict");
      case "Reserve.filterDDL":
        return t("fieldFilterDdl");
      case "Reserve.maxRetryTime":
        return t("fieldMaxRetryTime");
      case "Checkpoint":
        return t("fieldCheckpoint");
      case "DtsBisLabel":
        return t("fieldDtsBisLabel");
      case "DedicatedClusterId":
        return t("fieldDedicatedClusterId");
      case "ResourceGroupId":
        return t("fieldResourceGroupId");
      default:
        // Another key of Reserve the snapshot had.
        return name.startsWith(RESERVE_PREFIX) ? t("fieldReserveKey", { key: name.slice(RESERVE_PREFIX.length) }) : field.label;
    }
  }

  function hint(field: Pick<ConfigureField, "name" | "hint">): string | undefined {
    if (!field.hint) return undefined;
    const endpoint = /^(?:Source|Destination)Endpoint(.+)$/.exec(field.name)?.[1];
    switch (endpoint ?? field.name) {
      case "Region":
        return t("hintRegion");
      case "IP":
        return t("hintIp");
      case "DataInitialization":
        return t("hintDataInitialization");
      case "Reserve.targetTableMode":
        return t("hintTargetTableMode");
      case "Reserve.conflict":
      case "Reserve.filterDDL":
        return t("hintTwoWayOnly");
      case "Checkpoint":
        return t("hintCheckpoint");
      default:
        return field.hint;
    }
  }

  function group(name: ConfigureGroup): string {
    switch (name) {
      case "source":
        return t("groupSource");
      case "destination":
        return t("groupDestination");
      case "objects":
        return t("groupObjects");
      case "options":
        return t("groupOptions");
    }
  }

  /** What is wrong with a value, from the issue's kind (the issue's own message is the API's English). */
  function issue(found: ParameterIssue, field: Pick<ConfigureField, "name" | "label"> | undefined): string {
    const fieldLabel = label(field ?? { name: found.name, label: found.name });
    const side = found.name.startsWith("Source") ? t("sideSource") : t("sideDestination");
    const type = found.type ?? "";
    switch (found.code) {
      case "required":
        return t("issueRequired", { label: fieldLabel });
      case "boolean":
        return t("issueBoolean", { label: fieldLabel });
      case "enum":
        return t("issueEnum", { label: fieldLabel, options: (found.options ?? []).join(", ") });
      case "number":
        return t("issueNumber", { label: fieldLabel });
      case "json":
        return t("issueJson", { label: fieldLabel });
      case "requiredFor":
        if (found.name.endsWith("EndpointIP")) return t("issueRequiredForIp", { side, type });
        if (found.name.endsWith("EndpointPort")) return t("issueRequiredForPort", { side, type });
        if (found.name.endsWith("EndpointRegion")) return t("issueRequiredForRegion", { side, type });
        return t("issueRequiredForInstanceId", { side, type });
      case "retryRange":
        return t("issueRetryRange");
      case "dbListTooLarge":
        return t("issueDbListTooLarge");
    }
  }

  return { label, hint, group, issue };
}
