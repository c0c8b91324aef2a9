"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { followInterval, reconfigureHref, reconfigureViewOptions } from "@/lib/client/reconfigure-queries";
import type { ResetDetail } from "@/lib/domain/reset-record";
import { buttonClasses } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { ReconfigurationStatus } from "./reconfiguration-status";

const CHANGE_TRACKING_TEXT =
  "This console does not reconfigure change tracking tasks yet: DTS configures them with ConfigureSubscription. Use the reconfiguration guidance below in the DTS console.";

/** On a reset record: reconfigure the task from the snapshot, or where its reconfiguration stands. */
export function ReconfigureSection({ reset }: { reset: ResetDetail }) {
  const eligible = reset.jobType === "SYNC" && reset.status === "succeeded";
  const view = useQuery({ ...reconfigureViewOptions(reset.id), enabled: eligible, refetchInterval: (q) => followInterval(q.state.data) });

  if (reset.jobType === "SUBSCRIBE") {
    return (
      <section aria-labelledby="record-reconfigure" className="space-y-2 rounded-lg border border-neutral-200 bg-white p-4">
        <h2 id="record-reconfigure" className="text-base font-semibold text-neutral-950">
          Reconfigure
        </h2>
        <p className="text-sm text-neutral-800">{CHANGE_TRACKING_TEXT}</p>
      </section>
    );
  }
  if (!eligible) return null;
  const latest = view.data?.reconfigurations[0];
  return (
    <section aria-labelledby="record-reconfigure" className="space-y-3 rounded-lg border border-neutral-200 bg-white p-4">
      <h2 id="record-reconfigure" className="text-base font-semibold text-neutral-950">
        Reconfigure
      </h2>
      {view.isPending ? (
        <p className="flex items-center gap-2 text-sm text-neutral-700">
          <Spinner /> Checking the task…
        </p>
      ) : view.isError ? (
        <p className="text-sm text-neutral-800">Could not check whether the task can be reconfigured now.</p>
      ) : (
        <>
          {latest ? <ReconfigurationStatus record={latest} /> : null}
          {view.data.allowed ? (
            <p className="text-sm text-neutral-800">
              The task is Not Configured. Configure it again with the settings it had before the reset.
            </p>
          ) : (
            <p className="text-sm text-neutral-800">{view.data.reason}</p>
          )}
          <Link href={reconfigureHref(reset.id)} className={buttonClasses(view.data.allowed ? "primary" : "secondary")}>
            {view.data.allowed ? "Reconfigure from snapshot" : latest ? "Open the reconfiguration" : "See the reconfiguration parameters"}
          </Link>
        </>
      )}
    </section>
  );
}
