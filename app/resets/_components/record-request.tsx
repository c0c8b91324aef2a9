import { findRegion } from "@/lib/domain/regions";
import type { ResetDetail } from "@/lib/domain/reset-record";
import { formatInstant } from "@/lib/domain/format";
import { CopyButton } from "@/components/ui/copy-button";
import { Fact, FactList, NotRecorded, Section } from "./fact-list";

/** Who asked for the reset, when and why, and which task it wiped. */
export function RecordRequest({ reset }: { reset: ResetDetail }) {
  const region = findRegion(reset.region);
  const newId = reset.jobIdAfter && reset.jobIdAfter !== reset.resetJobId ? reset.jobIdAfter : null;
  return (
    <>
      <Section id="record-who" title="Who, when and why">
        <FactList>
          <Fact term="Username">{reset.actor}</Fact>
          <Fact term="Role">{reset.actorRole}</Fact>
          <Fact term="Client address" mono>
            {reset.actorAddress ?? <NotRecorded />}
          </Fact>
          <Fact term="Requested">{formatInstant(reset.requestedAt) ?? reset.requestedAt}</Fact>
          <Fact term="User agent" mono full>
            {reset.actorUserAgent ?? <NotRecorded />}
          </Fact>
          <Fact term="Reason" full>
            <span className="whitespace-pre-wrap">{reset.reason}</span>
          </Fact>
        </FactList>
      </Section>

      <Section id="record-target" title="What was reset">
        <FactList>
          <Fact term="Task">{reset.taskName}</Fact>
          <Fact term="Direction">
            {reset.direction}
            {reset.direction === "Reverse" ? <span className="text-neutral-700"> (the reverse task of a two-way instance)</span> : null}
          </Fact>
          <Fact term="Task ID" mono>
            {reset.jobId}
          </Fact>
          <Fact term="Task wiped" mono>
            {reset.resetJobId}
          </Fact>
          <Fact term="Instance ID" mono>
            {reset.instanceId}
          </Fact>
          <Fact term="Task ID after the reset" mono>
            {newId ?? <NotRecorded>unchanged or not yet seen</NotRecorded>}
          </Fact>
          <Fact term="Region">{region ? `${region.label} (${region.id})` : reset.region}</Fact>
          <Fact term="Type">{reset.jobType === "SUBSCRIBE" ? "Change tracking" : reset.jobType === "MIGRATION" ? "Migration" : "Data synchronization"}</Fact>
          <Fact term="Idempotency key" mono full>
            {reset.idempotencyKey ? (
              <span className="inline-flex items-center gap-1">
                {reset.idempotencyKey}
                <CopyButton value={reset.idempotencyKey} label="idempotency key" />
              </span>
            ) : (
              <NotRecorded>none sent</NotRecorded>
            )}
          </Fact>
          <Fact term="Record ID" mono full>
            {reset.id}
          </Fact>
        </FactList>
      </Section>
    </>
  );
}
