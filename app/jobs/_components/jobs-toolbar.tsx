"use client";
import { useTranslations } from "next-intl";
import { DTS_REGIONS } from "@/lib/domain/regions";
import { statusesFor } from "@/lib/domain/status";
import { useFormat, useStatusLabel } from "@/lib/client/format";
import { jobTypeOf } from "@/lib/domain/api-constants";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { LabeledField } from "@/components/ui/labeled-field";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import type { Accounts } from "@/lib/client/accounts";
import { MAX_QUERY_LENGTH, type JobsSearchState } from "../search-params";

/**
 * Account (when the console has several), region, status and search. Selects apply at once; the
 * search applies on submit, so DTS is asked once per search rather than once per keystroke.
 * Switching the account keeps the region and type and goes back to the first page.
 */
export function JobsToolbar({
  state,
  accounts,
  onChange,
  onRefresh,
  refreshing,
}: {
  state: JobsSearchState;
  accounts: Accounts;
  onChange: (patch: Partial<JobsSearchState>) => void;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const t = useTranslations("Jobs");
  const f = useFormat();
  const statusLabel = useStatusLabel();
  return (
    <div className="flex flex-wrap items-end gap-3">
      {accounts.several && accounts.items ? (
        <LabeledField id="jobs-account" label={t("accountLabel")}>
          <Select
            id="jobs-account"
            className="mt-1 w-56"
            value={accounts.resolve(state.account) ?? ""}
            onChange={(e) => onChange({ account: e.target.value, page: 1 })}
          >
            {accounts.items.map((account) => (
              <option key={account.id} value={account.id}>
                {t("accountOption", { name: account.name, id: account.id })}
              </option>
            ))}
            {/* An address naming an account this console does not hold: shown as it is, and the list says why it is empty. */}
            {state.account && !accounts.items.some((a) => a.id === state.account) ? (
              <option value={state.account}>{t("accountUnknown", { id: state.account })}</option>
            ) : null}
          </Select>
        </LabeledField>
      ) : null}
      <LabeledField id="jobs-region" label={t("regionLabel")}>
        <Select
          id="jobs-region"
          className="mt-1 w-72"
          value={state.region}
          onChange={(e) => onChange({ region: e.target.value, page: 1 })}
        >
          {DTS_REGIONS.map((region) => (
            <option key={region.id} value={region.id}>
              {t("regionOption", { label: f.region(region.id), id: region.id })}
            </option>
          ))}
        </Select>
      </LabeledField>
      <LabeledField id="jobs-status" label={t("statusLabel")}>
        <Select
          id="jobs-status"
          className="mt-1 w-48"
          value={state.status ?? ""}
          onChange={(e) => onChange({ status: e.target.value || null, page: 1 })}
        >
          <option value="">{t("allStatuses")}</option>
          {statusesFor(jobTypeOf(state.type)).map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </Select>
      </LabeledField>
      <form
        role="search"
        aria-label={t("searchLabel")}
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const q = String(new FormData(e.currentTarget).get("q") ?? "").trim();
          onChange({ q, page: 1 });
        }}
      >
        <LabeledField id="jobs-search" label={t("searchField")}>
          {/* Keyed by the URL's query so back/forward navigation refills the box. */}
          <Input
            key={state.q}
            id="jobs-search"
            name="q"
            type="search"
            defaultValue={state.q}
            maxLength={MAX_QUERY_LENGTH}
            className="mt-1 w-72"
            autoComplete="off"
          />
        </LabeledField>
        <Button type="submit" variant="secondary">
          {t("search")}
        </Button>
      </form>
      <div className="ml-auto flex items-center gap-2">
        <Button variant="secondary" onClick={onRefresh} disabled={refreshing}>
          {refreshing ? <Spinner /> : null}
          {refreshing ? t("refreshing") : t("refresh")}
        </Button>
      </div>
    </div>
  );
}
