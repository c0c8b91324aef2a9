"use client";
import type { ReactNode } from "react";
import { toApiRequestError } from "@/lib/client/api-error";
import { QueryErrorPanel } from "@/components/console/error-panel";
import { Spinner } from "@/components/ui/spinner";

/**
 * The record pages (a reset record, its reconfiguration) before their data is in: the way back,
 * the title, and then "loading", "no such record" (404, or an ID that cannot be one) or the
 * error with Retry. Null once there is data to show.
 */
export function RecordQueryState({
  query,
  back,
  title,
  loading,
  notFound,
  loadError,
}: {
  query: { isPending: boolean; isError: boolean; data: unknown; error: unknown; refetch: () => unknown; isFetching: boolean };
  back: ReactNode;
  title: string;
  loading: string;
  notFound: ReactNode;
  loadError: string;
}) {
  if (!query.isPending && !(query.isError && !query.data)) return null;
  const error = query.isPending ? null : toApiRequestError(query.error);
  return (
    <div className="space-y-4">
      {back}
      <h1 className="text-xl font-semibold text-neutral-950">{title}</h1>
      {error === null ? (
        <p className="flex items-center gap-2 text-sm text-neutral-700">
          <Spinner /> {loading}
        </p>
      ) : error.status === 404 || error.status === 400 ? (
        <p role="alert" className="rounded-lg border border-neutral-300 bg-white p-4 text-sm text-neutral-900">
          {notFound}
        </p>
      ) : (
        <QueryErrorPanel title={loadError} query={query} />
      )}
    </div>
  );
}
