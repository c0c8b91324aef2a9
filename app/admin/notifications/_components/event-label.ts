"use client";
// The page's words for an event type, a channel kind and a delivery status, with each message key
// written out (the catalog's keys cannot hold an event type's dots).
import { useTranslations } from "next-intl";
import type { ChannelKind, NotificationEventType } from "@/lib/domain/notifications";
import type { DeliveryStatusName } from "@/lib/domain/notification-views";

const EVENT_KEYS = {
  "reset.requested": "event_reset_requested",
  "reset.approved": "event_reset_approved",
  "reset.rejected": "event_reset_rejected",
  "reset.expired": "event_reset_expired",
  "reset.cancelled": "event_reset_cancelled",
  "reset.succeeded": "event_reset_succeeded",
  "reset.failed": "event_reset_failed",
  "reset.unknown": "event_reset_unknown",
  "reset.unknown_resolved": "event_reset_unknown_resolved",
  "bulk.started": "event_bulk_started",
  "bulk.finished": "event_bulk_finished",
  "reconfiguration.succeeded": "event_reconfiguration_succeeded",
  "reconfiguration.failed": "event_reconfiguration_failed",
  "sign_in.locked_out": "event_sign_in_locked_out",
  test: "event_test",
} as const satisfies Record<NotificationEventType, string>;

const KIND_KEYS = {
  dingtalk: "kind_dingtalk",
  feishu: "kind_feishu",
  wecom: "kind_wecom",
  slack: "kind_slack",
  webhook: "kind_webhook",
} as const satisfies Record<ChannelKind, string>;

const STATUS_KEYS = {
  pending: "status_pending",
  delivered: "status_delivered",
  failed: "status_failed",
} as const satisfies Record<DeliveryStatusName, string>;

export function useNotificationWords() {
  const t = useTranslations("Notifications");
  return {
    event: (type: NotificationEventType) => t(EVENT_KEYS[type]),
    kind: (kind: ChannelKind) => t(KIND_KEYS[kind]),
    status: (status: DeliveryStatusName) => t(STATUS_KEYS[status]),
  };
}
