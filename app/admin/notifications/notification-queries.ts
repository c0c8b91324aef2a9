// The notifications page's calls to the admin API: query keys, the two lists (refreshed every few
// seconds, so a delivery's progress shows without a reload) and the changes.
import { queryOptions } from "@tanstack/react-query";
import { ApiRequestError } from "@/lib/client/api-error";
import { fetchJson } from "@/lib/client/fetch-json";
import type { ChannelCreateInput, ChannelUpdateInput } from "@/lib/domain/notifications";
import type { ChannelTestResult, ChannelView, DeliveryView } from "@/lib/domain/notification-views";

export const notificationKeys = {
  all: ["notifications"] as const,
  channels: () => [...notificationKeys.all, "channels"] as const,
  deliveries: () => [...notificationKeys.all, "deliveries"] as const,
};

const REFRESH_MS = 5_000;
const DELIVERIES_SHOWN = 30;

export function channelsOptions() {
  return queryOptions({
    queryKey: notificationKeys.channels(),
    queryFn: ({ signal }) => fetchJson<{ channels: ChannelView[]; keyConfigured: boolean }>("/api/admin/notification-channels", { signal }),
    refetchInterval: REFRESH_MS,
  });
}

export function deliveriesOptions() {
  return queryOptions({
    queryKey: notificationKeys.deliveries(),
    queryFn: ({ signal }) => fetchJson<{ deliveries: DeliveryView[] }>(`/api/admin/notification-deliveries?limit=${DELIVERIES_SHOWN}`, { signal }).then((r) => r.deliveries),
    refetchInterval: REFRESH_MS,
  });
}

const JSON_HEADERS = { "content-type": "application/json" };

export const notificationChanges = {
  create: (body: ChannelCreateInput) =>
    fetchJson<{ channel: ChannelView }>("/api/admin/notification-channels", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) }),
  update: (id: string, body: ChannelUpdateInput) =>
    fetchJson<{ channel: ChannelView }>(`/api/admin/notification-channels/${encodeURIComponent(id)}`, { method: "PATCH", headers: JSON_HEADERS, body: JSON.stringify(body) }),
  // 204 No Content: fetchJson reads "no JSON" as an error, which here is the success.
  remove: (id: string) =>
    fetchJson<null>(`/api/admin/notification-channels/${encodeURIComponent(id)}`, { method: "DELETE" }).catch((error: unknown) => {
      if (error instanceof ApiRequestError && error.status === 204) return null;
      throw error;
    }),
  test: (id: string) => fetchJson<{ test: ChannelTestResult }>(`/api/admin/notification-channels/${encodeURIComponent(id)}/test`, { method: "POST" }).then((r) => r.test),
  retry: (id: string) => fetchJson<{ delivery: DeliveryView }>(`/api/admin/notification-deliveries/${encodeURIComponent(id)}/retry`, { method: "POST" }),
};
