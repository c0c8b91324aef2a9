"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Fragment, useState, type FormEvent } from "react";
import { RESET_STATUSES } from "@/lib/domain/reset-record";
import type { ResetFilterParams } from "@/lib/client/reset-keys";
import type { MessageKey } from "@/lib/client/message-key";
import { oneOf } from "@/lib/client/url-state";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FIELD_LABEL, LabeledField } from "@/components/ui/labeled-field";
import { Select } from "@/components/ui/select";
import { MAX_FILTER_LENGTH, validDay } from "../search-params";
import { useOutcomeLabel } from "@/components/console/outcome-badge";
import { useAccounts } from "@/lib/client/accounts";


/** The label of each field typed and applied on submit. */
const FILTER_LABEL_KEYS: Record<"task" | "actor" | "from" | "to", MessageKey<"Resets">> = {
  task: "filterTaskLabel",
  actor: "filterActorLabel",
  from: "fromDate",
  to: "toDate",
};

/** The two days of the range, typed and applied on submit. */
const DAY_FILTERS = ["from", "to"] as const;

/** The two substring filters, typed and applied on submit. */
const TEXT_FILTERS = [
  { key: "task", width: "w-64" },
  { key: "actor", width: "w-44" },
] as const;

function same(a: ResetFilterParams, b: ResetFilterParams): boolean {
  return a.outcome === b.outcome && a.account === b.account && a.task === b.task && a.actor === b.actor && a.from === b.from && a.to === b.to;
}

function clean(draft: ResetFilterParams): ResetFilterParams {
  return { ...draft, task: draft.task.trim(), actor: draft.actor.trim(), from: validDay(draft.from), to: validDay(draft.to) };
}

/**
 * Outcome applies at once (with whatever else has been typed); the text and date fields apply on
 * submit, so the history is read once per search rather than once per keystroke. The fields are
 * controlled by a draft that follows the URL, so back/forward refills them without remounting
 * (a remount would throw away keyboard focus).
 */
export function ResetsFilters({
  filters,
  clearHref,
  onApply,
}: {
  filters: ResetFilterParams;
  clearHref: string | null;
  onApply: (filters: ResetFilterParams) => void;
}) {
  const t = useTranslations("Resets");
  const outcomeLabel = useOutcomeLabel();
  const accounts = useAccounts();
  const label = (key: keyof typeof FILTER_LABEL_KEYS) => t(FILTER_LABEL_KEYS[key]);
  const [draft, setDraft] = useState<ResetFilterParams>(filters);
  const [shown, setShown] = useState<ResetFilterParams>(filters);
  const [rangeError, setRangeError] = useState(false);
  // Adjust the draft when the applied filters change from outside (back button, Clear filters).
  if (!same(shown, filters)) {
    setShown(filters);
    setDraft(filters);
    setRangeError(false);
  }

  function apply(next: ResetFilterParams) {
    const cleaned = clean(next);
    // The API refuses a reversed range; say so here, next to the fields, instead.
    const reversed = cleaned.from !== "" && cleaned.to !== "" && cleaned.from > cleaned.to;
    setRangeError(reversed);
    if (!reversed) onApply(cleaned);
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    apply(draft);
  }

  const set = (patch: Partial<ResetFilterParams>) => setDraft((d) => ({ ...d, ...patch }));
  const rangeProps = {
    "aria-invalid": rangeError || undefined,
    "aria-describedby": rangeError ? "resets-range-error" : undefined,
  };

  return (
    <form role="search" aria-label={t("filtersLabel")} className="flex flex-wrap items-end gap-3" onSubmit={submit}>
      <LabeledField id="resets-outcome" label={t("outcomeLabel")}>
        <Select
          id="resets-outcome"
          className="mt-1 w-40"
          value={draft.outcome ?? ""}
          onChange={(e) => {
            const outcome = oneOf(e.target.value, RESET_STATUSES);
            set({ outcome });
            apply({ ...draft, outcome });
          }}
        >
          <option value="">{t("allOutcomes")}</option>
          {RESET_STATUSES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcomeLabel(outcome)}
            </option>
          ))}
        </Select>
      </LabeledField>
      {accounts.several && accounts.items ? (
        <LabeledField id="resets-account" label={t("accountLabel")}>
          <Select
            id="resets-account"
            className="mt-1 w-48"
            value={draft.account}
            onChange={(e) => {
              const account = e.target.value;
              set({ account });
              apply({ ...draft, account });
            }}
          >
            <option value="">{t("allAccounts")}</option>
            {accounts.items.map((account) => (
              <option key={account.id} value={account.id}>
                {t("accountOption", { name: account.name, id: account.id })}
              </option>
            ))}
            {/* A record's own account the console no longer holds, named by the address: kept selectable. */}
            {draft.account && !accounts.items.some((a) => a.id === draft.account) ? <option value={draft.account}>{draft.account}</option> : null}
          </Select>
        </LabeledField>
      ) : null}
      {TEXT_FILTERS.map(({ key, width }) => (
        <LabeledField key={key} id={`resets-${key}`} label={label(key)}>
          <Input
            id={`resets-${key}`}
            type="search"
            value={draft[key]}
            onChange={(e) => set({ [key]: e.target.value })}
            maxLength={MAX_FILTER_LENGTH}
            className={`mt-1 ${width}`}
            autoComplete="off"
          />
        </LabeledField>
      ))}
      <fieldset className="flex items-end gap-2">
        <legend className={FIELD_LABEL}>{t("rangeLegend")}</legend>
        {DAY_FILTERS.map((key) => (
          <Fragment key={key}>
            {key === "to" ? (
              <span aria-hidden="true" className="pb-2 text-sm text-neutral-700">
                {t("rangeTo")}
              </span>
            ) : null}
            <div>
              <label htmlFor={`resets-${key}`} className="sr-only">
                {label(key)}
              </label>
              <Input id={`resets-${key}`} type="date" value={draft[key]} onChange={(e) => set({ [key]: e.target.value })} className="mt-1 w-40" {...rangeProps} />
            </div>
          </Fragment>
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary">
          {t("applyFilters")}
        </Button>
        {clearHref ? (
          <Link href={clearHref} className="text-sm text-blue-700 underline underline-offset-2">
            {t("clearFilters")}
          </Link>
        ) : null}
      </div>
      {rangeError ? (
        <p id="resets-range-error" role="alert" className="basis-full text-sm text-rose-800">
          {t("rangeError")}
        </p>
      ) : null}
    </form>
  );
}
