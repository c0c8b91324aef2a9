"use client";
// The newest deliveries: when, to which channel, which event, how it stands, the receiver's last
// answer, and "Retry" for a failed one (the same event, so the same webhook-id).
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { useFormat } from "@/lib/client/format";
import type { DeliveryView } from "@/lib/domain/notification-views";
import { useNotificationWords } from "./event-label";

const STATUS_TONE = { pending: "amber", delivered: "green", failed: "rose" } as const;

export function DeliveriesTable({ deliveries, onRetry, busy }: { deliveries: DeliveryView[]; onRetry: (delivery: DeliveryView) => void; busy: boolean }) {
  const t = useTranslations("Notifications");
  const f = useFormat();
  const words = useNotificationWords();
  return (
    <Table>
      <TableCaption>{t("deliveriesTable")}</TableCaption>
      <TableColumns names={[t("colTime"), t("colChannel"), t("colEvent"), t("colStatus"), t("colTries"), t("colAnswer")]} actions />
      <TableBody>
        {deliveries.map((d) => (
          <TableRow key={d.id}>
            <TableCell className="whitespace-nowrap">{f.dateTime(d.occurredAt)}</TableCell>
            <TableCell>{d.channelName}</TableCell>
            <TableCell>
              <a href={d.subjectPath} className="text-blue-700 underline underline-offset-2 hover:text-blue-900">
                {words.event(d.eventType)}
              </a>
            </TableCell>
            <TableCell>
              <Badge tone={STATUS_TONE[d.status]}>{words.status(d.status)}</Badge>
              {d.nextAttemptAt ? <span className="block text-xs text-neutral-700">{t("nextTry", { time: f.dateTime(d.nextAttemptAt) ?? "" })}</span> : null}
            </TableCell>
            <TableCell>{f.number(d.attempts)}</TableCell>
            <TableCell className="max-w-72 text-xs break-words">
              {d.lastStatus !== null ? <span className="block">{t("httpStatus", { status: d.lastStatus })}</span> : null}
              {d.lastDetail ? <span className="block text-neutral-700">{d.lastDetail}</span> : null}
            </TableCell>
            <TableCell>
              {d.status === "failed" ? (
                <Button size="sm" variant="secondary" disabled={busy} aria-label={t("retryDelivery", { event: words.event(d.eventType), channel: d.channelName })} onClick={() => onRetry(d)}>
                  {t("retry")}
                </Button>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
