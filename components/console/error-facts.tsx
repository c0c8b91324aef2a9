import type { ApiRequestError } from "@/lib/client/api-error";
import { CopyButton } from "@/components/ui/copy-button";

/** What DTS said: code, RequestId, HTTP status and whether a retry is safe, as a compact list. */
export function ErrorFacts({ error, showRetrySafe = false }: { error: ApiRequestError; showRetrySafe?: boolean }) {
  const { body } = error;
  const requestId = body.requestId ?? body.reset?.requestId ?? null;
  const httpStatus = body.httpStatus ?? body.reset?.httpStatus ?? (error.status || null);
  const retrySafe = body.retrySafe ?? body.reset?.error?.retrySafe;
  return (
    <dl className="mt-2 grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      <dt className="text-neutral-700">Code</dt>
      <dd className="font-mono break-all text-neutral-950">
        {body.dtsCode ? `${body.dtsCode} (${body.code})` : body.code}
      </dd>
      <dt className="text-neutral-700">RequestId</dt>
      <dd className="flex min-w-0 items-center gap-1 font-mono break-all text-neutral-950">
        {requestId ? (
          <>
            <span>{requestId}</span>
            <CopyButton value={requestId} label="RequestId" />
          </>
        ) : (
          <span className="font-sans text-neutral-700">none (the request did not reach DTS)</span>
        )}
      </dd>
      <dt className="text-neutral-700">HTTP status</dt>
      <dd className="font-mono text-neutral-950">
        {httpStatus ?? "no answer"}
        {/* DTS can answer HTTP 200 with Success: false; the console's own status then differs. */}
        {error.status && httpStatus !== error.status ? (
          <span className="font-sans text-neutral-700"> (from DTS; the console answered {error.status})</span>
        ) : null}
      </dd>
      {showRetrySafe ? (
        <>
          <dt className="text-neutral-700">Safe to retry</dt>
          <dd className="text-neutral-950">
            {retrySafe === true
              ? "Yes: DTS did not change the task."
              : retrySafe === false
                ? "No: check the task before trying again."
                : "Not known: check the task before trying again."}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
