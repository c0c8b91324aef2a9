"use client";
import { useTranslations } from "next-intl";
import type { TaskEndpoint } from "@/lib/domain/task";

/** One side of a task, field by field; missing fields are said to be missing. */
export function EndpointDetails({ title, endpoint }: { title: string; endpoint: TaskEndpoint | null }) {
  const t = useTranslations("Console");
  const fields: Array<[keyof TaskEndpoint, string]> = [
    ["engine", t("endpointEngine")],
    ["instanceType", t("endpointInstanceType")],
    ["instanceId", t("endpointInstanceId")],
    ["region", t("endpointRegion")],
    ["host", t("endpointHost")],
    ["port", t("endpointPort")],
    ["database", t("endpointDatabase")],
    ["userName", t("endpointUser")],
  ];
  return (
    <div className="rounded-md border border-neutral-200 p-3">
      <h3 className="text-sm font-semibold text-neutral-900">{title}</h3>
      {endpoint ? (
        <dl className="mt-1.5 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
          {fields.map(([key, label]) => (
            <div key={key} className="contents">
              <dt className="text-neutral-700">{label}</dt>
              <dd className="font-mono text-xs leading-5 break-all text-neutral-950">
                {endpoint[key] ?? <span className="font-sans text-neutral-600">{t("notReported")}</span>}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="mt-1 text-sm text-neutral-700">{t("endpointNotReported")}</p>
      )}
    </div>
  );
}
