import { signInPath } from "@/lib/auth/next-path";
import type { ApiRequestError } from "@/lib/client/api-error";
import { ErrorFacts } from "@/components/console/error-facts";

/** An answer that leaves the operator not knowing whether DTS wiped the task. */
export function isOutcomeUnknown(error: ApiRequestError): boolean {
  return error.code === "outcome_unknown" || error.isNetworkError;
}

function headline(error: ApiRequestError): string {
  if (isOutcomeUnknown(error)) return "Outcome unknown: the task may or may not have been reset";
  if (error.status === 401) return "You are signed out; the reset was not sent";
  if (error.status === 403) return "The reset was refused; nothing was sent";
  switch (error.code) {
    case "dts_error":
      return "DTS refused the reset";
    case "dts_unavailable":
      return "DTS could not be reached; nothing was reset";
    case "reset_in_progress":
      return "A reset of this task is already in progress";
    default:
      return "The console did not send the reset";
  }
}

/** Shown inside the dialog, which stays open so the operator can read it and decide. */
export function ResetErrorAlert({ error }: { error: ApiRequestError }) {
  const unknown = isOutcomeUnknown(error);
  return (
    <div role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-3 text-rose-950">
      <p className="font-semibold">{headline(error)}</p>
      {unknown ? (
        <p className="mt-1 text-sm font-medium">
          DTS did not answer in time, so the console cannot tell whether the reset happened. Check the task before
          trying again: close this dialog, refresh the list and look at the task&apos;s status (Not Configured means
          it was reset). To try again once you have checked, close this dialog and open it again.
        </p>
      ) : null}
      <p className="mt-1 text-sm">{error.message}</p>
      {error.status === 401 ? (
        <p className="mt-1 text-sm">
          <a
            className="font-medium underline underline-offset-2"
            href={signInPath(`${window.location.pathname}${window.location.search}`, "expired")}
          >
            Sign in again
          </a>
          , then open the dialog again.
        </p>
      ) : null}
      <ErrorFacts error={error} showRetrySafe />
    </div>
  );
}
