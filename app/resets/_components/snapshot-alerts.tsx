"use client";
import { useTranslations } from "next-intl";
import type { AlertSnapshot } from "@/lib/domain/alerts";

/**
 * The alert settings the reset read (DescribeJobMonitorRule) before clearing them: each rule on or
 * off with its threshold and phone numbers (personal data, not secret: the operator needs them to
 * restore the alerts), or why they could not be read.
 */
export function SnapshotAlerts({ alerts }: { alerts: AlertSnapshot | null | undefined }) {
  const t = useTranslations("ResetDetail");
  if (!alerts) return <p className="text-sm text-neutral-700">{t("alertsNotRead")}</p>;
  if (!alerts.captured) return <p className="text-sm text-neutral-700">{t("alertsNotCaptured", { reason: alerts.code ?? alerts.message })}</p>;
  if (alerts.rules.length === 0) return <p className="text-sm text-neutral-700">{t("alertsNoRules")}</p>;
  return (
    <ul className="space-y-1 text-sm text-neutral-800" data-testid="snapshot-alerts">
      {alerts.rules.map((rule, index) => {
        const kind = rule.type === "delay" ? t("alertRuleDelay") : rule.type === "error" ? t("alertRuleError") : rule.type;
        const facts = [rule.enabled ? t("alertOn") : t("alertOff")];
        if (rule.delayRuleTime !== null) facts.push(t("alertThreshold", { seconds: rule.delayRuleTime }));
        if (rule.phone) facts.push(t("alertPhones", { phones: rule.phone }));
        return (
          <li key={`${rule.type}-${rule.jobType ?? ""}-${index}`}>
            <span className="font-medium">{kind}</span>
            {rule.jobType && rule.jobType !== "normal" ? ` (${rule.jobType})` : ""}: {facts.join(", ")}
          </li>
        );
      })}
    </ul>
  );
}
