import { toApiRequestError, type ApiRequestError } from "@/lib/client/api-error";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ErrorFacts } from "./error-facts";

/** A failed read (list, detail): what went wrong, DTS's identifiers for support, and Retry. */
export function ErrorPanel({
  title,
  error,
  onRetry,
  retrying,
}: {
  title: string;
  error: ApiRequestError;
  onRetry: () => void;
  retrying: boolean;
}) {
  return (
    <div role="alert" className="rounded-lg border border-rose-300 bg-rose-50 p-4 text-rose-950">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-sm">{error.message}</p>
      <ErrorFacts error={error} />
      <Button variant="secondary" className="mt-3" onClick={onRetry} disabled={retrying}>
        {retrying ? <Spinner /> : null}
        {retrying ? "Retrying…" : "Retry"}
      </Button>
    </div>
  );
}

/** The ErrorPanel of a failed query (TanStack Query): its error, and Retry reads again. */
export function QueryErrorPanel({
  title,
  query,
}: {
  title: string;
  query: { error: unknown; refetch: () => unknown; isFetching: boolean };
}) {
  return <ErrorPanel title={title} error={toApiRequestError(query.error)} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
}
