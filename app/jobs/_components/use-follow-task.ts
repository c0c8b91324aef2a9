"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Direction, DtsTask } from "@/lib/domain/task";
import { instanceOptions } from "@/lib/client/job-queries";
import type { TaskTypeParam } from "@/lib/domain/api-constants";

/** How long the console waits for DTS to show the reset task as Not Configured. */
export const FOLLOW_TIMEOUT_MS = 60_000;
const POLL_MS = 2_000;

export interface FollowRequest {
  /** The account the task lives in (the reset's record says). */
  account?: string | null;
  instanceId: string;
  region: string;
  type: TaskTypeParam;
  direction: Direction;
  /** Date.now() when the reset succeeded. */
  startedAt: number;
}

export type FollowPhase = "waiting" | "done" | "timed-out";

function directionStatus(job: DtsTask, direction: Direction): string | null {
  return direction === "Reverse" ? (job.reverse?.status ?? null) : job.status;
}

/**
 * After a reset, DTS deletes the task and creates another, possibly under a new task ID, so the
 * console follows it by instance ID until the reset half reads NotConfigured, for at most 60 s.
 */
export function useFollowTask(follow: FollowRequest | null): { job: DtsTask | undefined; phase: FollowPhase | null } {
  const [expiredFor, setExpiredFor] = useState<number | null>(null);
  const timedOut = follow !== null && expiredFor === follow.startedAt;

  const query = useQuery({
    ...instanceOptions({
      account: follow?.account ?? null,
      instanceId: follow?.instanceId ?? "",
      region: follow?.region ?? "",
      type: follow?.type ?? "sync",
    }),
    enabled: follow !== null && !timedOut,
    refetchInterval: (q) => {
      const job = q.state.data?.job;
      const fresh = follow !== null && q.state.dataUpdatedAt >= follow.startedAt;
      return fresh && job && directionStatus(job, follow.direction) === "NotConfigured" ? false : POLL_MS;
    },
    // A lost poll is retried by the next one.
    retry: false,
  });

  useEffect(() => {
    if (!follow) return;
    const timer = window.setTimeout(
      () => setExpiredFor(follow.startedAt),
      Math.max(0, follow.startedAt + FOLLOW_TIMEOUT_MS - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [follow]);

  if (!follow) return { job: undefined, phase: null };
  const job = query.data?.job;
  // Data cached from an earlier follow says nothing about this reset.
  const fresh = query.dataUpdatedAt >= follow.startedAt;
  if (fresh && job && directionStatus(job, follow.direction) === "NotConfigured") return { job, phase: "done" };
  return { job: fresh ? job : undefined, phase: timedOut ? "timed-out" : "waiting" };
}
