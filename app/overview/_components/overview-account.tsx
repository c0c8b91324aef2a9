"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { jobTypeOf, type TaskTypeParam } from "@/lib/domain/api-constants";
import { findRegion } from "@/lib/domain/regions";
import { statusesFor } from "@/lib/domain/status";
import { useFormat } from "@/lib/client/format";
import { jobsHref } from "@/lib/client/hrefs";
import { FAILED_STATUS, failedTasksSelectedHref } from "@/lib/client/bulk-hrefs";
import { splitCounts, UNREADABLE, type AccountOverview, type OverviewError, type RegionOverview } from "@/lib/client/overview";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Notice } from "@/components/ui/notice";
import { Table, TableBody, TableCaption, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { Glyph } from "@/components/console/glyph";
import { StatusBadge } from "@/components/console/status-badge";

const LINK = "rounded-md focus-ring";

interface Scope {
  account: AccountOverview;
  type: TaskTypeParam;
  /** The signed-in role may reset: regions with failed tasks then offer to reset them in bulk. */
  canReset: boolean;
}

/** Where a count leads: the task list of that account, region and type, narrowed to the status (none for the unreadable items). */
function countHref({ account, type }: Scope, region: string, status: string | null): string {
  return jobsHref({ account: account.id, region, type, status: status === UNREADABLE ? null : status, page: 1 });
}

/** One count, as a link to the tasks it counts; screen readers hear where (every region has its own "Failed 3"). */
function CountLink({ scope, region, status, count }: { scope: Scope; region: string; status: string; count: number }) {
  const t = useTranslations("Overview");
  const f = useFormat();
  return (
    <Link
      href={countHref(scope, region, status)}
      data-status={status}
      data-count={count}
      className={cn(LINK, "inline-flex items-center gap-1 text-neutral-950 hover:underline")}
    >
      {status === UNREADABLE ? (
        <Badge tone="amber" data-status={status}>
          <Glyph name="triangle" />
          {t("unreadable")}
        </Badge>
      ) : (
        <StatusBadge status={status} />
      )}
      <span className="font-semibold tabular-nums">{f.number(count)}</span>
      <span className="sr-only"> {t("countWhere", { region: f.region(region), account: scope.account.name })}</span>
    </Link>
  );
}

function Counts({ scope, row, counts, none }: { scope: Scope; row: RegionOverview; counts: [string, number][]; none: string }) {
  if (counts.length === 0) return <span className="text-neutral-700">{none}</span>;
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1.5">
      {counts.map(([status, count]) => (
        <li key={status}>
          <CountLink scope={scope} region={row.region} status={status} count={count} />
        </li>
      ))}
    </ul>
  );
}

/**
 * "Reset the failed tasks…": the region's failed tasks on /jobs, every one of the page chosen for
 * a bulk reset (the bulk dialog then reads each fresh and says which it would reset). For a role
 * that may reset, and a region with failed tasks.
 */
function ResetFailedLink({ scope, row }: { scope: Scope; row: RegionOverview }) {
  const t = useTranslations("Overview");
  const f = useFormat();
  const failed = row.byStatus[FAILED_STATUS[scope.type]] ?? 0;
  if (!scope.canReset || failed === 0) return null;
  return (
    <Link
      href={failedTasksSelectedHref({ account: scope.account.id, region: row.region, type: scope.type })}
      data-reset-failed={row.region}
      className={cn(LINK, "mt-1.5 inline-block text-sm font-medium text-blue-700 underline underline-offset-2")}
    >
      {t("resetFailed")}
      <span className="sr-only"> {t("resetFailedWhere", { count: failed, region: f.region(row.region), account: scope.account.name })}</span>
    </Link>
  );
}

function RegionName({ region }: { region: string }) {
  const f = useFormat();
  return (
    <>
      <span className="font-medium text-neutral-950">{findRegion(region) ? f.region(region) : region}</span>{" "}
      <span className="font-mono text-xs text-neutral-700">{region}</span>
    </>
  );
}

function TotalLink({ scope, region, total }: { scope: Scope; region: string; total: number }) {
  const t = useTranslations("Overview");
  const f = useFormat();
  return (
    <Link href={countHref(scope, region, null)} data-total={total} className={cn(LINK, "font-semibold text-blue-700 tabular-nums underline underline-offset-2")}>
      {f.number(total)}
      <span className="sr-only"> {t("totalWhere", { region: f.region(region), account: scope.account.name })}</span>
    </Link>
  );
}

/** A region or account DTS would not answer for: the code and DTS's (or the console's) message, as sent. */
function ErrorText({ error }: { error: OverviewError }) {
  const t = useTranslations("Overview");
  return (
    <span className="text-rose-900">
      {t("readError")} <span className="font-mono text-xs break-all">{error.code}</span>
      <span className="block text-sm break-words">{error.message}</span>
    </span>
  );
}

/**
 * One account: its regions with tasks (or an error), each with its total and its counts by status,
 * the ones that need attention first and stood out. A table on wide screens, cards below md (only
 * one of the two is ever displayed, so only one is in the accessibility tree).
 */
export function OverviewAccount({
  account,
  type,
  typeLabel,
  canReset,
}: {
  account: AccountOverview;
  type: TaskTypeParam;
  typeLabel: string;
  canReset: boolean;
}) {
  const t = useTranslations("Overview");
  const scope: Scope = { account, type, canReset };
  const headingId = `overview-account-${account.id}`;
  const order = [...statusesFor(jobTypeOf(type)), UNREADABLE];
  const rows = account.regions.map((row) => ({ row, ...splitCounts(row.byStatus, order) }));
  const total = account.regions.reduce((sum, r) => sum + r.total, 0);
  const attention = rows.reduce((sum, r) => sum + r.attention.reduce((s, [, n]) => s + n, 0), 0);
  const failedRegions = account.regions.filter((r) => r.error).length;

  return (
    <section aria-labelledby={headingId} data-account={account.id} className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id={headingId} className="text-lg font-semibold text-neutral-950">
          {account.name} <span className="font-mono text-sm font-normal text-neutral-700">{account.id}</span>
        </h2>
        {account.error ? null : (
          <p className="text-sm text-neutral-800">
            {t("accountSummary", { total, regions: account.regions.filter((r) => !r.error).length })}
            {attention > 0 ? (
              <strong className="ml-2 font-semibold text-rose-900">{t("accountAttention", { count: attention })}</strong>
            ) : null}
            {failedRegions > 0 ? <span className="ml-2 text-rose-900">{t("accountRegionErrors", { count: failedRegions })}</span> : null}
          </p>
        )}
      </div>

      {account.error ? (
        <Notice tone="danger" as="div" padding="roomy" data-error-code={account.error.code}>
          <p className="font-medium">{t("accountError")}</p>
          <p className="mt-1">
            <span className="font-mono text-xs break-all">{account.error.code}</span>
          </p>
          <p className="mt-0.5 break-words">{account.error.message}</p>
        </Notice>
      ) : rows.length === 0 ? (
        <p className="rounded-lg border border-neutral-200 bg-white px-3 py-6 text-center text-sm text-neutral-700">{t("noTasks", { type: typeLabel })}</p>
      ) : (
        <>
          <div className="hidden md:block" data-layout="table">
            <Table>
              <TableCaption>{t("caption", { type: typeLabel, account: account.name })}</TableCaption>
              <TableColumns names={[t("columnRegion"), t("columnTotal"), t("columnAttention"), t("columnOther")]} />
              <TableBody>
                {rows.map(({ row, attention: urgent, other }) => (
                  <TableRow
                    key={row.region}
                    data-region={row.region}
                    data-attention={urgent.length > 0 || row.error ? "true" : undefined}
                    className={cn((urgent.length > 0 || row.error) && "bg-rose-50/40")}
                  >
                    <TableHead region={row.region} flagged={urgent.length > 0 || !!row.error} />
                    {row.error ? (
                      <TableCell colSpan={3} data-error-code={row.error.code}>
                        <ErrorText error={row.error} />
                      </TableCell>
                    ) : (
                      <>
                        <TableCell className="text-right">
                          <TotalLink scope={scope} region={row.region} total={row.total} />
                        </TableCell>
                        <TableCell className="min-w-56">
                          <Counts scope={scope} row={row} counts={urgent} none={t("noneNeedAttention")} />
                          <ResetFailedLink scope={scope} row={row} />
                        </TableCell>
                        <TableCell>
                          <Counts scope={scope} row={row} counts={other} none={t("noOther")} />
                        </TableCell>
                      </>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <ul data-layout="cards" className="space-y-3 md:hidden">
            {rows.map(({ row, attention: urgent, other }) => (
              <li
                key={row.region}
                data-card-region={row.region}
                className={cn("rounded-lg border bg-white p-3", urgent.length > 0 || row.error ? "border-rose-300" : "border-neutral-200")}
              >
                <div className="flex items-baseline justify-between gap-3">
                  <p className="min-w-0">
                    <RegionName region={row.region} />
                  </p>
                  {row.error ? null : (
                    <p className="shrink-0 text-sm text-neutral-800">
                      {t("cardTotal")} <TotalLink scope={scope} region={row.region} total={row.total} />
                    </p>
                  )}
                </div>
                {row.error ? (
                  <p className="mt-2 text-sm" data-error-code={row.error.code}>
                    <ErrorText error={row.error} />
                  </p>
                ) : (
                  <dl className="mt-2 space-y-2 text-sm">
                    <div>
                      <dt className="text-xs font-medium text-neutral-700">{t("columnAttention")}</dt>
                      <dd className="mt-1">
                        <Counts scope={scope} row={row} counts={urgent} none={t("noneNeedAttention")} />
                        <ResetFailedLink scope={scope} row={row} />
                      </dd>
                    </div>
                    <div>
                      <dt className="text-xs font-medium text-neutral-700">{t("columnOther")}</dt>
                      <dd className="mt-1">
                        <Counts scope={scope} row={row} counts={other} none={t("noOther")} />
                      </dd>
                    </div>
                  </dl>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The region, as the row's header cell; a row that needs attention carries a mark beside its colour. */
function TableHead({ region, flagged }: { region: string; flagged: boolean }) {
  const t = useTranslations("Overview");
  return (
    <th scope="row" className="px-2.5 py-2.5 text-left font-normal whitespace-nowrap">
      {flagged ? (
        <span className="mr-1.5 inline-block text-rose-700" title={t("needsAttention")}>
          <Glyph name="cross" />
          <span className="sr-only">{t("needsAttention")}</span>
        </span>
      ) : null}
      <RegionName region={region} />
    </th>
  );
}
