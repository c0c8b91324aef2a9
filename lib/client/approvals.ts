// Reset requests in the browser (issue 13): the policy shown in the reset dialog, the /approvals
// list, the header's pending count, and the decisions.
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApprovalDecision, ResetRequestResult, ResetRequestStatus } from "@/lib/domain/approval-types";
import type { ResetResult } from "@/lib/domain/reset-record";
import { toApiRequestError, type ApiRequestError } from "./api-error";
import { fetchJson } from "./fetch-json";

export const approvalKeys = {
  all: ["reset-requests"] as const,
  list: (status?: ResetRequestStatus) => ["reset-requests", "list", status ?? "all"] as const,
  pending: () => ["reset-requests", "list", "pending"] as const,
  policy: (jobId: string, region: string, account: string | null) => ["jobs", "approval", jobId, region, account] as const,
};

export interface RequestListResponse {
  items: ResetRequestResult[];
  pendingCount: number;
}

export function requestListOptions(status?: ResetRequestStatus) {
  return queryOptions({
    queryKey: approvalKeys.list(status),
    queryFn: ({ signal }) => fetchJson<RequestListResponse>(`/api/reset-requests${status ? `?status=${status}` : ""}`, { signal }),
  });
}

/** The approval policy for one task of an account (null or left out: the default account). */
export function approvalPolicyOptions(jobId: string, region: string, account?: string | null) {
  return queryOptions({
    queryKey: approvalKeys.policy(jobId, region, account ?? null),
    queryFn: ({ signal }) =>
      fetchJson<{ approval: ApprovalDecision }>(`/api/jobs/${encodeURIComponent(jobId)}/approval?${new URLSearchParams({ ...(account ? { account } : {}), region })}`, { signal }),
  });
}

type Decision = { action: "approve" | "reject" | "cancel"; id: string; comment?: string };
export type DecisionAnswer = { request: ResetRequestResult; reset?: ResetResult; failure?: string };

async function postDecision({ action, id, comment }: Decision): Promise<DecisionAnswer> {
  try {
    return await fetchJson<DecisionAnswer>(`/api/reset-requests/${encodeURIComponent(id)}/${action}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(comment ? { comment } : {}),
    });
  } catch (error) {
    throw toApiRequestError(error);
  }
}

/** One decision; never retried (an approval resets a task). */
export function useDecision() {
  const queryClient = useQueryClient();
  return useMutation<DecisionAnswer, ApiRequestError, Decision>({
    mutationFn: postDecision,
    retry: false,
    onSettled: () => queryClient.invalidateQueries({ queryKey: approvalKeys.all }),
  });
}
