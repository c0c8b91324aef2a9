"use client";
// The admin's approval setting (issue 13): which resets need a second person's approval.
import { useMutation, useQuery, useQueryClient, type UseMutationResult } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { APPROVAL_POLICY_MODES, type ApprovalPolicy, type ApprovalPolicyMode } from "@/lib/domain/approvals";
import { toApiRequestError } from "@/lib/client/api-error";
import { fetchJson } from "@/lib/client/fetch-json";
import { useFormat } from "@/lib/client/format";
import { useAdminErrorText } from "../admin-error-text";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { PageSection } from "@/components/console/page-section";

interface PolicyAnswer {
  policy: ApprovalPolicy;
  updatedAt: string | null;
  updatedBy: string | null;
  envRequired: boolean;
  ttlHours: number;
}

const KEY = ["admin", "approval-policy"] as const;

const list = (text: string) =>
  text
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter(Boolean);

export function ApprovalPolicySection() {
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: KEY, queryFn: ({ signal }) => fetchJson<PolicyAnswer>("/api/admin/approval-policy", { signal }) });
  const save = useMutation({
    mutationFn: (policy: { mode: ApprovalPolicyMode; accounts: string[]; regions: string[]; namePatterns: string[] }) =>
      fetchJson<PolicyAnswer>("/api/admin/approval-policy", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(policy) }),
    onSuccess: (answer) => queryClient.setQueryData(KEY, answer),
  });
  // Keyed by the stored setting: the form starts from it, and again after each save.
  return <PolicyForm key={current.data?.updatedAt ?? "none"} current={current.data ?? null} loadError={current.error} save={save} />;
}

type Save = UseMutationResult<PolicyAnswer, Error, { mode: ApprovalPolicyMode; accounts: string[]; regions: string[]; namePatterns: string[] }>;

function PolicyForm({ current: data, loadError, save }: { current: PolicyAnswer | null; loadError: unknown; save: Save }) {
  const t = useTranslations("Admin");
  const f = useFormat();
  const errorText = useAdminErrorText();
  const modeText = (value: ApprovalPolicyMode) =>
    value === "off" ? t("policyModeOff") : value === "all" ? t("policyModeAll") : t("policyModeSelected");
  const id = useId();
  const current = { data };
  const [mode, setMode] = useState<ApprovalPolicyMode>(data?.policy.mode ?? "off");
  const [accounts, setAccounts] = useState(data?.policy.accounts.join(", ") ?? "");
  const [regions, setRegions] = useState(data?.policy.regions.join(", ") ?? "");
  const [patterns, setPatterns] = useState(data?.policy.namePatterns.join("\n") ?? "");

  return (
    <PageSection id={`${id}-heading`} title={t("policyHeading")}>
      <p className="text-sm text-neutral-700">
        {t("policyIntro")}
        {current.data?.envRequired ? t("policyEnvRequired") : ""}
        {current.data ? t("policyTtl", { hours: current.data.ttlHours }) : ""}
      </p>
      {!data ? (
        <p className="text-sm text-neutral-700">{loadError ? "" : t("policyLoading")}</p>
      ) : (
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (save.isPending) return;
          save.mutate({ mode, accounts: mode === "selected" ? list(accounts) : [], regions: mode === "selected" ? list(regions) : [], namePatterns: mode === "selected" ? list(patterns) : [] });
        }}
      >
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-neutral-900">{t("policyModeLegend")}</legend>
          {APPROVAL_POLICY_MODES.map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm text-neutral-900">
              <input type="radio" name={`${id}-mode`} value={value} checked={mode === value} onChange={() => setMode(value)} />
              {modeText(value)}
            </label>
          ))}
        </fieldset>
        {mode === "selected" ? (
          <>
            <div>
              <label htmlFor={`${id}-accounts`} className="text-sm font-medium text-neutral-900">
                {t("policyAccountsLabel")}
              </label>
              <Input id={`${id}-accounts`} className="mt-1 w-full" value={accounts} onChange={(e) => setAccounts(e.target.value)} />
            </div>
            <div>
              <label htmlFor={`${id}-regions`} className="text-sm font-medium text-neutral-900">
                {t("policyRegionsLabel")}
              </label>
              <Input id={`${id}-regions`} className="mt-1 w-full" value={regions} onChange={(e) => setRegions(e.target.value)} />
            </div>
            <div>
              <label htmlFor={`${id}-patterns`} className="text-sm font-medium text-neutral-900">
                {t("policyPatternsLabel")}
              </label>
              <Textarea id={`${id}-patterns`} className="mt-1" rows={3} value={patterns} onChange={(e) => setPatterns(e.target.value)} />
            </div>
          </>
        ) : null}
        <Button type="submit" aria-disabled={save.isPending || !current.data}>
          {t("policySave")}
        </Button>
        <div role="status" className="text-sm text-neutral-800 empty:hidden">
          {save.isSuccess ? t("policySaved") : ""}
        </div>
        <div role="alert" className="text-sm text-rose-800 empty:hidden">
          {save.error ? errorText(toApiRequestError(save.error)) : ""}
        </div>
        {current.data?.updatedBy ? (
          <p className="text-xs text-neutral-700">
            {t("policyLastChanged", { username: current.data.updatedBy, time: f.instant(current.data.updatedAt) ?? "" })}
          </p>
        ) : null}
      </form>
      )}
      {loadError ? (
        <p role="alert" className="text-sm text-rose-800">
          {errorText(toApiRequestError(loadError))}
        </p>
      ) : null}
    </PageSection>
  );
}
