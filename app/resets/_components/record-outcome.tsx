import type { ResetDetail } from "@/lib/domain/reset-record";
import { formatInstant } from "@/lib/domain/format";
import { OUTCOME_MEANINGS } from "@/lib/client/reset-format";
import { CopyButton } from "@/components/ui/copy-button";
import { Fact, FactList, NotRecorded, Section } from "./fact-list";
import { OutcomeBadge, OutcomeNotes } from "@/components/console/outcome-badge";

function retrySafety(reset: ResetDetail): string {
  const safe = reset.error?.retrySafe;
  if (safe === true) return "Yes: DTS did not change the task.";
  if (safe === false) return "No: check the task before trying again.";
  return "Not known: check the task before trying again.";
}

function resolution(reset: ResetDetail): string {
  if (reset.resolvedBy === "response") return "From DTS's answer to the reset";
  if (reset.resolvedBy === "reconciliation") return "By reconciliation: the console read the task afterwards";
  return "Not yet resolved";
}

/** What DTS answered, and how the console settled the outcome. */
export function RecordOutcome({ reset }: { reset: ResetDetail }) {
  const failedOrUnknown = reset.status === "failed" || reset.status === "unknown";
  return (
    <Section id="record-outcome" title="Outcome" description={OUTCOME_MEANINGS[reset.status]}>
      <div>
        <OutcomeBadge status={reset.status} />
        <OutcomeNotes reset={reset} withTimes />
      </div>
      <FactList>
        <Fact term="RequestId" mono>
          {reset.requestId ? (
            <span className="inline-flex items-center gap-1">
              {reset.requestId}
              <CopyButton value={reset.requestId} label="RequestId" />
            </span>
          ) : (
            <NotRecorded>none (no answer from DTS)</NotRecorded>
          )}
        </Fact>
        <Fact term="HTTP status" mono>
          {reset.httpStatus ?? <NotRecorded>no answer</NotRecorded>}
        </Fact>
        {failedOrUnknown ? (
          <>
            <Fact term="Error code" mono>
              {reset.error?.code ?? <NotRecorded />}
            </Fact>
            <Fact term="Error kind" mono>
              {reset.error?.kind ?? <NotRecorded />}
            </Fact>
            <Fact term="Error message" full>
              {reset.error?.message ? <span className="whitespace-pre-wrap">{reset.error.message}</span> : <NotRecorded />}
            </Fact>
            <Fact term="Safe to retry" full>
              {retrySafety(reset)}
            </Fact>
          </>
        ) : null}
        <Fact term="Resolved">{resolution(reset)}</Fact>
        <Fact term="Finished">{formatInstant(reset.finishedAt) ?? <NotRecorded>not finished</NotRecorded>}</Fact>
        {reset.resolvedBy === "reconciliation" || reset.reconciledAt ? (
          <Fact term="Reconciled">{formatInstant(reset.reconciledAt) ?? <NotRecorded />}</Fact>
        ) : null}
        {/* Verification follows a reset that took effect; a refused one has nothing to verify. */}
        {reset.status !== "failed" || reset.verifiedAt ? (
          <Fact term="Verified">
            {reset.verifiedAt ? `${formatInstant(reset.verifiedAt)}: DTS showed the task Not Configured` : <NotRecorded>not yet</NotRecorded>}
          </Fact>
        ) : null}
        {reset.reconciliationNote ? (
          <Fact term="Reconciliation note" full>
            {reset.reconciliationNote}
          </Fact>
        ) : null}
      </FactList>
    </Section>
  );
}
