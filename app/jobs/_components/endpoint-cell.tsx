import { useTranslations } from "next-intl";
import type { TaskEndpoint } from "@/lib/domain/task";

function describe(endpoint: TaskEndpoint | null): { engine: string | null; instance: string | null } | null {
  if (!endpoint || Object.values(endpoint).every((v) => v === null || v === "")) return null;
  const instance = endpoint.instanceId ?? (endpoint.host ? `${endpoint.host}${endpoint.port ? `:${endpoint.port}` : ""}` : null);
  return { engine: endpoint.engine ?? endpoint.instanceType ?? null, instance };
}

function Side({ endpoint, emptyLabel }: { endpoint: TaskEndpoint | null; emptyLabel: string }) {
  const t = useTranslations("Jobs");
  const described = describe(endpoint);
  // A task that is Not Configured has no endpoints yet; say so rather than "unknown".
  if (!described) return <span className="text-neutral-700">{emptyLabel}</span>;
  const engine = described.engine ?? t("engineUnknown");
  const instance = described.instance ?? t("notReported");
  return (
    <>
      <span className="font-medium text-neutral-900">{engine}</span>{" "}
      {/* No break inside an ID: the column grows to the longest ID rather than split one. */}
      <span className="font-mono text-xs whitespace-nowrap text-neutral-700">{instance}</span>
    </>
  );
}

/** "MySQL rm-… → PolarDB pc-…". The arrow is decorative; screen readers hear "to". */
export function EndpointCell({
  source,
  destination,
  changeTracking = false,
}: {
  source: TaskEndpoint | null;
  destination: TaskEndpoint | null;
  /** A change tracking task has no destination database: its consumers read the changes. */
  changeTracking?: boolean;
}) {
  const t = useTranslations("Jobs");
  const noDestination = changeTracking ? t("changeConsumers") : t("notConfigured");
  return (
    <div className="text-sm leading-snug">
      <div>
        <Side endpoint={source} emptyLabel={t("notConfigured")} />
      </div>
      <div>
        <span aria-hidden="true" className="text-neutral-500">
          →{" "}
        </span>
        <span className="sr-only">{t("toSr")}</span>
        <Side endpoint={destination} emptyLabel={noDestination} />
      </div>
    </div>
  );
}
