"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { toApiRequestError } from "@/lib/client/api-error";
import { useErrorText } from "@/lib/client/format";
import { newIdempotencyKey } from "@/lib/client/idempotency-key";
import { postReconfigure, reconfigureKeys } from "@/lib/client/reconfigure-queries";
import {
  diffParameters,
  hasServerlessRange,
  RESERVE_PREFIX,
  SERVERLESS_FIELDS,
  type ConfigureField,
  type ConfigureGroup,
  type ConfigureParameters,
  type ParameterIssue,
  type ReconfigureView,
} from "@/lib/domain/reconfigure";
import { configureSpecOf, type ConfigureSpec } from "@/lib/domain/reconfigure-subscription";
import { configureEquivalent } from "@/lib/domain/runbook";
import { RunbookBlocks } from "@/components/console/runbook-blocks";
import { ErrorFacts } from "@/components/console/error-facts";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useFieldWords } from "./field-words";
import { MappingNotes } from "../../_components/mapping-notes";

const fieldId = (name: string) => `cfg-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/** The parameters the operator may edit: the snapshot's, minus the console's fixed identity. */
function editableOf(spec: ConfigureSpec, parameters: ConfigureParameters): ConfigureParameters {
  const known = new Set(spec.fields.map((f) => f.name));
  const editable: ConfigureParameters = {};
  for (const field of spec.fields) editable[field.name] = parameters[field.name] ?? "";
  for (const [name, value] of Object.entries(parameters)) if (!spec.fixed.includes(name) && !known.has(name)) editable[name] = value;
  return editable;
}

function fieldsOf(spec: ConfigureSpec, group: ConfigureGroup, values: ConfigureParameters, serverless: boolean): ConfigureField[] {
  const known = new Set(spec.fields.map((f) => f.name));
  // The DU range only where the snapshot shows a serverless instance (serverlessIssues).
  const fields = spec.fields.filter((f) => f.group === group && (serverless || !(SERVERLESS_FIELDS as readonly string[]).includes(f.name)));
  if (group !== "options") return fields;
  // Other Reserve keys the snapshot had, each editable on its own.
  const extra = Object.keys(values)
    .filter((name) => name.startsWith(RESERVE_PREFIX) && !known.has(name))
    .sort()
    .map((name): ConfigureField => ({ name, group, label: `Reserve: ${name.slice(RESERVE_PREFIX.length)}`, kind: "text" }));
  return [...fields, ...extra];
}

function Field({ field, value, issue, onChange }: { field: ConfigureField; value: string; issue?: ParameterIssue; onChange: (value: string) => void }) {
  const t = useTranslations("Reconfigure");
  const words = useFieldWords();
  const hint = words.hint(field);
  const id = fieldId(field.name);
  const described = [hint ? `${id}-hint` : null, issue ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const label = (
    <>
      {words.label(field)} <span className="font-mono text-xs font-normal text-neutral-600">{field.name}</span>
    </>
  );
  const common = { id, "aria-invalid": issue ? true : undefined, "aria-describedby": described };
  let control;
  if (field.kind === "boolean") {
    return (
      <div className="flex items-start gap-2">
        <input
          type="checkbox"
          {...common}
          className="mt-0.5 size-4 rounded border-neutral-400 focus-ring"
          checked={value === "true"}
          onChange={(e) => onChange(e.target.checked ? "true" : "false")}
        />
        <div>
          <label htmlFor={id} className="text-sm text-neutral-900">
            {label}
          </label>
          {hint ? (
            <p id={`${id}-hint`} className="text-xs text-neutral-700">
              {hint}
            </p>
          ) : null}
        </div>
      </div>
    );
  }
  if (field.kind === "enum") {
    const options = field.options ?? [];
    control = (
      <Select {...common} className="w-full" value={value} onChange={(e) => onChange(e.target.value)}>
        {!options.includes(value) ? <option value={value}>{value === "" ? t("notSet") : t("notAccepted", { value })}</option> : null}
        {options.map((option) => (
          <option key={option} value={option}>
            {option === "" ? t("notSet") : option}
          </option>
        ))}
      </Select>
    );
  } else if (field.kind === "json") {
    control = <Textarea {...common} rows={4} spellCheck={false} className="font-mono text-xs" value={value} onChange={(e) => onChange(e.target.value)} />;
  } else {
    control = <Input {...common} inputMode={field.kind === "number" ? "numeric" : undefined} spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm text-neutral-900">
        {label}
        {field.required ? <span className="sr-only">{t("required")}</span> : null}
      </label>
      {control}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-neutral-700">
          {hint}
        </p>
      ) : null}
      {issue ? (
        <p id={`${id}-error`} className="text-xs font-medium text-rose-800">
          {words.issue(issue, field)}
        </p>
      ) : null}
    </div>
  );
}

function PasswordField({ side, value, onChange, missing }: { side: "source" | "destination"; value: string; onChange: (v: string) => void; missing: boolean }) {
  const t = useTranslations("Reconfigure");
  const id = `cfg-${side}-password`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-neutral-900">
        {side === "source" ? t("passwordSource") : t("passwordDestination")}
      </label>
      <Input
        id={id}
        type="password"
        autoComplete="new-password"
        required
        aria-invalid={missing ? true : undefined}
        aria-describedby={`${id}-hint`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-hint`} className={missing ? "text-xs font-medium text-rose-800" : "text-xs text-neutral-700"}>
        {missing ? t("passwordMissing") : t("passwordHint")}
      </p>
    </div>
  );
}

/**
 * The reconfiguration form: every ConfigureDtsJob (or, for a change tracking task,
 * ConfigureSubscription) value from the snapshot, editable, grouped as the DTS console groups them.
 */
export function ReconfigureForm({ view }: { view: ReconfigureView }) {
  const t = useTranslations("Reconfigure");
  const words = useFieldWords();
  const errorText = useErrorText();
  const spec = useMemo(() => configureSpecOf(view.api ?? "ConfigureDtsJob"), [view.api]);
  const base = useMemo(() => editableOf(spec, view.parameters), [spec, view.parameters]);
  const [values, setValues] = useState<ConfigureParameters>(base);
  const [sourcePassword, setSourcePassword] = useState("");
  const [destinationPassword, setDestinationPassword] = useState("");
  const [step, setStep] = useState<"edit" | "review">("edit");
  const [issues, setIssues] = useState<ParameterIssue[]>([]);
  const [passwordsMissing, setPasswordsMissing] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState("");
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();
  const changes = useMemo(() => diffParameters(base, values), [base, values]);

  const mutation = useMutation({
    mutationFn: () =>
      postReconfigure(view.resetId, {
        sourcePassword,
        ...(spec.destinationPassword ? { destinationPassword } : {}),
        overrides: Object.fromEntries(changes.map((c) => [c.name, c.after ?? ""])),
        idempotencyKey,
      }),
    onSuccess: () => {
      setSourcePassword("");
      setDestinationPassword("");
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: reconfigureKeys.view(view.resetId) }),
  });

  useEffect(() => {
    if (step === "review") reviewHeading.current?.focus();
  }, [step]);

  const issueOf = (name: string) => issues.find((i) => i.name === name);
  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  function review(event: FormEvent) {
    event.preventDefault();
    const found = spec.issues(values);
    const missing = sourcePassword === "" || (spec.destinationPassword && destinationPassword === "");
    setIssues(found);
    setPasswordsMissing(missing);
    if (found.length || missing) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setIdempotencyKey(newIdempotencyKey());
    mutation.reset();
    setStep("review");
  }

  if (step === "review") {
    // What will be sent, as a runbook keeps it (the identity from the view, passwords as placeholders).
    const sent: ConfigureParameters = { ...view.parameters, ...Object.fromEntries(changes.map((c) => [c.name, c.after ?? ""])) };
    // The console's own switch (perform-reconfigure.ts parametersToSend): ConfigureDtsJob only.
    if (spec.api === "ConfigureDtsJob") sent[`${RESERVE_PREFIX}autoStartModulesAfterConfig`] = "none";
    const command = configureEquivalent(spec.api, { account: view.account ?? "default", region: view.target.region, parameters: sent });
    const error = mutation.isError ? toApiRequestError(mutation.error) : null;
    return (
      <section aria-labelledby="review-heading" className="space-y-3 rounded-lg border border-neutral-200 bg-white p-4">
        <h2 id="review-heading" ref={reviewHeading} tabIndex={-1} className="text-base font-semibold text-neutral-950 focus:outline-none">
          {t("reviewHeading")}
        </h2>
        {changes.length === 0 ? (
          <p className="text-sm text-neutral-800">{t("reviewNoChanges")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="mb-1 text-left text-sm text-neutral-800">
              {changes.length === 1 ? t("reviewCaptionOne", { count: 1 }) : t("reviewCaptionOther", { count: changes.length })}
            </caption>
            <thead>
              <tr className="border-b border-neutral-200">
                <th scope="col" className="py-1 pr-2 font-medium">{t("reviewColumnParameter")}</th>
                <th scope="col" className="py-1 pr-2 font-medium">{t("reviewColumnBefore")}</th>
                <th scope="col" className="py-1 font-medium">{t("reviewColumnAfter")}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.name} className="border-b border-neutral-100 align-top">
                  <th scope="row" className="py-1 pr-2 font-mono text-xs font-medium">{c.name}</th>
                  <td className="py-1 pr-2 font-mono text-xs break-all">{c.before || t("notSet")}</td>
                  <td className="py-1 font-mono text-xs break-all">{c.after || t("notSent")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="text-sm text-neutral-800">
          {spec.api === "ConfigureSubscription" ? t("reviewExplainSubscription") : t("reviewExplain")}
        </p>
        <RunbookBlocks action={spec.api} equivalent={command} />
        {error ? (
          <Notice tone="danger" as="div" role="alert" className="space-y-1">
            <p className="font-medium">{errorText(error)}</p>
            <ErrorFacts error={error} />
          </Notice>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" onClick={() => setStep("edit")} disabled={mutation.isPending}>
            {t("backToForm")}
          </Button>
          <Button type="button" onClick={() => mutation.mutate()} aria-disabled={mutation.isPending || undefined} disabled={mutation.isSuccess}>
            {mutation.isPending ? t("configuring") : t("configure")}
          </Button>
        </div>
      </section>
    );
  }

  const problems = issues.length + (passwordsMissing ? 1 : 0);
  return (
    <form aria-labelledby="reconfigure-form-heading" noValidate onSubmit={review} className="space-y-4">
      <h2 id="reconfigure-form-heading" className="text-base font-semibold text-neutral-950">
        {t("formHeading")}
      </h2>
      <MappingNotes notes={view.remarks.notes} />
      <div ref={summary} tabIndex={-1} className="focus:outline-none">
        {problems ? (
          <Notice tone="danger" as="div" role="alert">
            <p className="font-medium">{problems === 1 ? t("problemsHeadingOne") : t("problemsHeadingOther", { count: problems })}</p>
            <ul className="list-disc pl-5">
              {passwordsMissing ? <li>{t("passwordsRequired")}</li> : null}
              {issues.map((i) => (
                <li key={i.name}>
                  <a href={`#${fieldId(i.name)}`} className="underline underline-offset-2">
                    {words.issue(i, spec.fieldOf(i.name))}
                  </a>
                </li>
              ))}
            </ul>
          </Notice>
        ) : null}
      </div>
      {spec.groups.map((group) => (
        <fieldset key={group} className="space-y-3 rounded-lg border border-neutral-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold text-neutral-950">{words.group(group)}</legend>
          {group === "source" ? <PasswordField side="source" value={sourcePassword} onChange={setSourcePassword} missing={passwordsMissing && !sourcePassword} /> : null}
          {group === "destination" && spec.destinationPassword ? (
            <PasswordField side="destination" value={destinationPassword} onChange={setDestinationPassword} missing={passwordsMissing && !destinationPassword} />
          ) : null}
          <div className="grid gap-3 sm:grid-cols-2">
            {fieldsOf(spec, group, values, hasServerlessRange(view.parameters)).map((field) => (
              <div key={field.name} className={field.kind === "json" ? "sm:col-span-2" : undefined}>
                <Field field={field} value={values[field.name] ?? ""} issue={issueOf(field.name)} onChange={set(field.name)} />
              </div>
            ))}
          </div>
        </fieldset>
      ))}
      <Button type="submit">{t("reviewChanges")}</Button>
    </form>
  );
}
