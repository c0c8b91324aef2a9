// The browser's side of reconfiguring a reset task: GET and POST /api/resets/{id}/reconfigure.
// The passwords go from the form to the server once, in the POST body, and nowhere else: they are
// never put in a query key, a cache entry, a URL or storage.
import { queryOptions } from "@tanstack/react-query";
import type { ConfigureParameters, ReconfigurationRecord, ReconfigureView } from "@/lib/domain/reconfigure";
import { latestStart, type StartAttemptRecord } from "@/lib/domain/start-again";
import { fetchJson } from "./fetch-json";

export const reconfigureKeys = {
  all: ["reconfigure"] as const,
  view: (resetId: string) => ["reconfigure", resetId] as const,
};

function url(resetId: string): string {
  return `/api/resets/${encodeURIComponent(resetId)}/reconfigure`;
}

/** While a reconfiguration is under way, the server follows it one step per read: read every 2 s. */
export const FOLLOW_REFRESH_MS = 2_000;

export function followInterval(view: ReconfigureView | undefined): number | false {
  const latest = view?.reconfigurations[0];
  if (!latest) return false;
  // A start sent by "Start again" is followed like the reconfiguration's own.
  return latestStart(latest).open ? FOLLOW_REFRESH_MS : false;
}

export function reconfigureViewOptions(resetId: string) {
  return queryOptions({
    queryKey: reconfigureKeys.view(resetId),
    queryFn: ({ signal }) => fetchJson<ReconfigureView>(url(resetId), { signal }),
  });
}

export interface ReconfigureSubmission {
  sourcePassword: string;
  /** Not for a change tracking task (ConfigureSubscription has no destination). */
  destinationPassword?: string;
  overrides: ConfigureParameters;
  idempotencyKey: string;
}

export function postReconfigure(resetId: string, body: ReconfigureSubmission): Promise<{ reconfiguration: ReconfigurationRecord; replayed: boolean }> {
  return fetchJson(url(resetId), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** "Start again": StartDtsJob once more for a reconfiguration whose start or precheck failed. */
export function postStartAgain(reconfigurationId: string, idempotencyKey: string): Promise<{ startAttempt: StartAttemptRecord; replayed: boolean }> {
  return fetchJson(`/api/reconfigurations/${encodeURIComponent(reconfigurationId)}/start`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ idempotencyKey }),
  });
}
