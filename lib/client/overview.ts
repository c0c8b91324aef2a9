// Every region of every account at a glance (issue 21): GET /api/overview as the browser sees it,
// and which counts ask for attention.
import { queryOptions } from "@tanstack/react-query";
import type { TaskTypeParam } from "@/lib/domain/api-constants";
import { statusTone } from "@/lib/domain/status";
import { fetchJson } from "./fetch-json";

import type { OverviewResponse } from "@/lib/domain/overview";
export type { AccountOverview, OverviewError, OverviewResponse, RegionOverview } from "@/lib/domain/overview";

/** Not a DTS status: the count of items the console could not read (they are in the region's list, without a status). */
export const UNREADABLE = "Unreadable";

/** A status the overview stands out: the "failed" tone of statusTone(), and Suspending (a task stopped mid-way). */
export function needsAttention(status: string): boolean {
  return statusTone(status) === "failed" || status === "Suspending";
}

export const overviewKeys = {
  all: ["overview"] as const,
  type: (type: TaskTypeParam) => ["overview", type] as const,
};

export function overviewUrl(type: TaskTypeParam): string {
  return `/api/overview?${new URLSearchParams({ type })}`;
}

export function overviewOptions(type: TaskTypeParam) {
  return queryOptions({
    queryKey: overviewKeys.type(type),
    queryFn: ({ signal }) => fetchJson<OverviewResponse>(overviewUrl(type), { signal }),
  });
}

/** The region's counts split in two, each in the order DTS's enum lists them: those that need attention, and the rest. */
export function splitCounts(byStatus: Record<string, number>, order: readonly string[]): { attention: [string, number][]; other: [string, number][] } {
  const rank = (status: string) => {
    const i = order.indexOf(status);
    return i < 0 ? order.length : i;
  };
  const entries = Object.entries(byStatus)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  return { attention: entries.filter(([s]) => needsAttention(s)), other: entries.filter(([s]) => !needsAttention(s)) };
}
