import type { JobType } from "@/lib/domain/status";

export const RESET_DOCS_URL = "https://www.alibabacloud.com/help/en/dts/user-guide/reset-a-dts-instance";

/**
 * What a reset does, in full, before the operator commits to it. `twoWay`: DTS does not document
 * what resetting one direction of a two-way instance does to the other
 * (https://alibabacloud.com/help/en/dts/developer-reference/api-resetdtsjob), so the dialog says it
 * may stop it too.
 */
export function ResetConsequences({ jobType, twoWay = false }: { jobType: JobType; twoWay?: boolean }) {
  return (
    <section aria-labelledby="reset-consequences-heading">
      <h3 id="reset-consequences-heading" className="text-sm font-semibold text-neutral-900">
        What a reset does
      </h3>
      <ul className="mt-1.5 list-disc space-y-1 pl-5 text-sm text-neutral-800">
        <li>
          The task&apos;s configuration is cleared: the source and destination endpoints, their credentials, the
          selected objects and the alert rules.
        </li>
        <li>
          DTS deletes the task and creates another in its place, in the <strong>Not Configured</strong> state. It may
          get a new task ID; the instance ID stays the same.
        </li>
        <li>
          The task must be reconfigured (ConfigureDtsJob, or Configure Task in the DTS console) before it runs again.
        </li>
        <li>The data in the source and destination databases is not touched.</li>
        {twoWay ? (
          <li>
            This is a two-way task: DTS may also stop or reset the other direction. Check both directions afterwards.
          </li>
        ) : null}
        {jobType === "SUBSCRIBE" ? (
          <li>This change tracking task loses its cached changes: consumers can no longer read them.</li>
        ) : null}
        <li>If the instance is pay-as-you-go, billing may continue while the task is not configured.</li>
      </ul>
      <p className="mt-2 text-sm">
        <a
          href={RESET_DOCS_URL}
          target="_blank"
          rel="noreferrer"
          className="text-blue-700 underline underline-offset-2 hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          DTS documentation: Reset a DTS instance<span className="sr-only"> (opens in a new tab)</span>
        </a>
      </p>
    </section>
  );
}
