"use client";
import { useTranslations } from "next-intl";
import { toApiRequestError, type ApiRequestError } from "@/lib/client/api-error";
import { useErrorText } from "@/lib/client/format";
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
  const t = useTranslations("Console");
  const common = useTranslations("Common");
  const errorText = useErrorText();
  // DTS's own message (when DTS refused) is data: shown as DTS wrote it, labelled.
  const dtsMessage = error.body.dtsCode && error.body.message ? error.body.message : null;
  return (
    <div role="alert" className="rounded-lg border border-rose-300 bg-rose-50 p-4 text-rose-950">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-sm">{errorText(error)}</p>
      {dtsMessage ? (
<p className="mt-1 text-sm break-words">{t("dtsMessage", { message: dtsMessage })}</p>
      ) : null}
      <ErrorFacts error={error} />
      <Button variant="secondary" className="mt-3" onClick={onRetry} disabled={retrying}>
        {retrying ? <Spinner /> : null}
        {retrying ? common("retrying") : common("retry")}
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
