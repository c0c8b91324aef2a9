// What the notification routes answer (issue 24), shared by the route handlers and the admin page.
// A channel's URL and secret are write-only: the view has a masked URL and `hasSecret`, never either.
import { z } from "zod";
import type { ChannelKind, NotificationEventType } from "./notifications";
import type { Locale } from "./locale";

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type DeliveryStatusName = (typeof DELIVERY_STATUSES)[number];

export interface LastDeliveryView {
  status: DeliveryStatusName;
  at: string | null;
  httpStatus: number | null;
  detail: string | null;
}

export interface ChannelView {
  id: string;
  kind: ChannelKind;
  name: string;
  /** `config`: APPROVAL_WEBHOOK_URL's channel, changed in the configuration only. */
  source: "admin" | "config";
  /** The URL with its tokens masked. */
  urlPreview: string;
  hasSecret: boolean;
  events: NotificationEventType[];
  language: Locale;
  enabled: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Deliveries waiting (pending, retries included). */
  backlog: number;
  failed: number;
  delivered: number;
  lastDelivery: LastDeliveryView | null;
}

export interface DeliveryView {
  id: string;
  channelId: string;
  channelName: string;
  /** The event's ID: the webhook-id of every try. */
  eventId: string;
  eventType: NotificationEventType;
  occurredAt: string;
  subjectPath: string;
  status: DeliveryStatusName;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastDetail: string | null;
  deliveredAt: string | null;
}

/** POST /api/admin/notification-channels/{id}/test: what the receiver answered, now. */
export interface ChannelTestResult {
  outcome: "delivered" | "retry" | "failed";
  status: number | null;
  detail: string;
  deliveryId: string;
}

// Route parameters and queries --------------------------------------------------------------------

/** A channel's ID: a UUID, or `approval-webhook` (APPROVAL_WEBHOOK_URL's). */
export const channelIdParam = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "the channel ID has an unexpected format");
export const deliveryIdParam = z.string().uuid("the delivery ID must be a UUID");

/** GET /api/admin/notification-deliveries?channelId=&status=&limit= */
export const deliveriesQuerySchema = z
  .object({
    channelId: channelIdParam.optional(),
    status: z.enum(DELIVERY_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
