"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ResetRequest } from "@/lib/domain/reset";
import type { ResetRequestResult } from "@/lib/domain/approvals";
import { ApiRequestError, toApiRequestError } from "./api-error";
import { fetchJson } from "./fetch-json";
import { jobKeys } from "./job-keys";
import type { ResetResult } from "@/lib/domain/reset-record";
import type { ResetResponse } from "./types";

export interface ResetVariables {
  jobId: string;
  request: ResetRequest;
}

/**
 * A repeated idempotency key makes the server replay the stored record with a 200, whatever its
 * outcome, so a 200 alone does not mean the task was reset: only a "succeeded" record does.
 */
function settledOrThrow(reset: ResetResult): ResetResult {
  if (reset.status === "succeeded") return reset;
  const common = { requestId: reset.requestId ?? undefined, httpStatus: reset.httpStatus ?? undefined, reset };
  if (reset.status === "failed") {
    throw new ApiRequestError(502, {
      code: "dts_error",
      message: reset.error?.message ?? "DTS refused the reset.",
      dtsCode: reset.error?.code ?? undefined,
      retrySafe: reset.error?.retrySafe ?? undefined,
      ...common,
    });
  }
  if (reset.status === "unknown") {
    throw new ApiRequestError(504, {
      code: "outcome_unknown",
      message: reset.error?.message ?? "DTS did not answer in time.",
      ...common,
    });
  }
  throw new ApiRequestError(409, {
    code: "reset_in_progress",
    message: "This reset has been sent and DTS has not answered yet. Wait for its outcome.",
    ...common,
  });
}

/** What a confirmed dialog got: a reset, or (where approval is required) a request waiting for it. */
export type ResetAnswer = { kind: "reset"; reset: ResetResult } | { kind: "request"; request: ResetRequestResult };

export async function postReset({ jobId, request }: ResetVariables): Promise<ResetAnswer> {
  try {
    const answer = await fetchJson<ResetResponse | { request: ResetRequestResult }>(`/api/jobs/${encodeURIComponent(jobId)}/reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
    });
    // 202: approval is required; nothing was sent to DTS.
    if ("request" in answer) return { kind: "request", request: answer.request };
    return { kind: "reset", reset: settledOrThrow(answer.reset) };
  } catch (error) {
    throw toApiRequestError(error);
  }
}

/** Lets the dialog know a reset is in flight (useIsMutating) without threading state around. */
export const RESET_MUTATION_KEY = ["jobs", "reset"] as const;

/**
 * Sends one reset. Never retried automatically: a reset is not something to repeat behind the
 * operator's back, even with an idempotency key.
 */
export function useResetJob() {
  const queryClient = useQueryClient();
  return useMutation<ResetAnswer, ApiRequestError, ResetVariables>({
    mutationKey: RESET_MUTATION_KEY,
    mutationFn: postReset,
    retry: false,
    // Success and failure both may have changed the task (a 504 may have reset it), so refresh.
    onSettled: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
