"use client";
// The bulk pages' words for the contract's closed sets (lib/domain/bulk.ts): a bulk's status, an
// item's status, a direction, as badges with a shape as well as a colour and a word.
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import type { BulkApproval, BulkItemStatus, BulkStatus } from "@/lib/domain/bulk-result";
import { entryOf, type MessageKey } from "@/lib/client/message-key";
import { Badge } from "@/components/ui/badge";
import { Glyph, type BadgeLook } from "@/components/console/glyph";

const BULK_STATUS_KEYS: Record<BulkStatus, MessageKey<"Bulk">> = {
  awaiting_approval: "statusAwaitingApproval",
  rejected: "statusRejected",
  expired: "statusExpired",
  queued: "statusQueued",
  running: "statusRunning",
  succeeded: "statusSucceeded",
  partial: "statusPartial",
  failed: "statusFailed",
  cancelled: "statusCancelled",
};

const BULK_LOOKS: Record<BulkStatus, BadgeLook> = {
  awaiting_approval: { tone: "amber", glyph: "clock" },
  rejected: { tone: "neutral", glyph: "cross" },
  expired: { tone: "neutral", glyph: "square" },
  queued: { tone: "blue", glyph: "clock" },
  running: { tone: "blue", glyph: "half" },
  succeeded: { tone: "green", glyph: "check" },
  partial: { tone: "amber", glyph: "triangle" },
  failed: { tone: "rose", glyph: "cross" },
  cancelled: { tone: "neutral", glyph: "square" },
};

const ITEM_STATUS_KEYS: Record<BulkItemStatus, MessageKey<"Bulk">> = {
  queued: "itemQueued",
  running: "itemRunning",
  succeeded: "itemSucceeded",
  failed: "itemFailed",
  unknown: "itemUnknown",
  skipped: "itemSkipped",
  cancelled: "itemCancelled",
};

const ITEM_LOOKS: Record<BulkItemStatus, BadgeLook> = {
  queued: { tone: "neutral", glyph: "clock" },
  running: { tone: "blue", glyph: "half" },
  succeeded: { tone: "green", glyph: "check" },
  failed: { tone: "rose", glyph: "cross" },
  unknown: { tone: "amber", glyph: "question" },
  skipped: { tone: "slate", glyph: "triangle" },
  cancelled: { tone: "neutral", glyph: "square" },
};

const APPROVAL_KEYS: Record<BulkApproval["status"], MessageKey<"Bulk">> = {
  pending: "approvalPending",
  approved: "approvalApproved",
  rejected: "approvalRejected",
  cancelled: "approvalCancelled",
  expired: "approvalExpired",
};

/** The status words of both closed sets; a value this page does not know (a newer server's), as sent. */
export function useBulkWords() {
  const t = useTranslations("Bulk");
  const bulkStatus = useCallback((status: string) => {
    const key = entryOf(BULK_STATUS_KEYS, status);
    return key ? t(key) : status;
  }, [t]);
  const itemStatus = useCallback((status: string) => {
    const key = entryOf(ITEM_STATUS_KEYS, status);
    return key ? t(key) : status;
  }, [t]);
  const approvalStatus = useCallback((status: string) => {
    const key = entryOf(APPROVAL_KEYS, status);
    return key ? t(key) : status;
  }, [t]);
  const direction = useCallback((value: string) => (value === "Reverse" ? t("directionReverse") : value === "Forward" ? t("directionForward") : value), [t]);
  return { bulkStatus, itemStatus, approvalStatus, direction };
}

export function BulkStatusBadge({ status }: { status: BulkStatus }) {
  const words = useBulkWords();
  const look: BadgeLook = entryOf(BULK_LOOKS, status) ?? { tone: "amber", glyph: "question" };
  return (
    <Badge tone={look.tone} data-bulk-status={status}>
      <Glyph name={look.glyph} />
      {words.bulkStatus(status)}
    </Badge>
  );
}

export function ItemStatusBadge({ status }: { status: BulkItemStatus }) {
  const words = useBulkWords();
  const look: BadgeLook = entryOf(ITEM_LOOKS, status) ?? { tone: "amber", glyph: "question" };
  return (
    <Badge tone={look.tone} data-item-status={status}>
      <Glyph name={look.glyph} />
      {words.itemStatus(status)}
    </Badge>
  );
}
