"use client";
// Every channel with how its deliveries go: the last one, how many failed, how many wait. Its
// actions: send a test now, edit, delete (APPROVAL_WEBHOOK_URL's channel: test only).
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableColumns, TableHead, TableRow } from "@/components/ui/table";
import { useFormat } from "@/lib/client/format";
import { SUBSCRIBABLE_EVENTS } from "@/lib/domain/notifications";
import type { ChannelView } from "@/lib/domain/notification-views";
import { useNotificationWords } from "./event-label";

export interface ChannelActions {
  test: (channel: ChannelView) => void;
  edit: (channel: ChannelView) => void;
  remove: (channel: ChannelView) => void;
}

const STATUS_TONE = { pending: "amber", delivered: "green", failed: "rose" } as const;

export function ChannelsTable({ channels, actions, testing }: { channels: ChannelView[]; actions: ChannelActions; testing: string | null }) {
  const t = useTranslations("Notifications");
  const f = useFormat();
  const words = useNotificationWords();
  return (
    <Table>
      <TableCaption>{t("channelsTable")}</TableCaption>
      <TableColumns names={[t("colName"), t("colKind"), t("colEvents"), t("colLast"), t("colFailed"), t("colBacklog")]} actions />
      <TableBody>
        {channels.map((channel) => (
          <TableRow key={channel.id}>
            <TableHead scope="row" className="border-0 font-medium">
              <span className="block">{channel.name}</span>
              <span className="block font-mono text-xs font-normal break-all text-neutral-700">{channel.urlPreview}</span>
              <span className="mt-1 flex flex-wrap gap-1">
                <Badge tone={channel.enabled ? "green" : "slate"}>{channel.enabled ? t("enabledOn") : t("enabledOff")}</Badge>
                {channel.hasSecret ? <Badge tone="neutral">{t("hasSecret")}</Badge> : null}
                {channel.source === "config" ? <Badge tone="blue">{t("configManaged")}</Badge> : null}
              </span>
            </TableHead>
            <TableCell>{words.kind(channel.kind)}</TableCell>
            <TableCell>{t("eventsCount", { count: channel.events.length, total: SUBSCRIBABLE_EVENTS.length })}</TableCell>
            <TableCell>
              {channel.lastDelivery ? (
                <span className="flex flex-col gap-0.5">
                  <span>
                    <Badge tone={STATUS_TONE[channel.lastDelivery.status]}>{words.status(channel.lastDelivery.status)}</Badge>{" "}
                    <span className="text-xs text-neutral-700">{f.dateTime(channel.lastDelivery.at)}</span>
                  </span>
                  {channel.lastDelivery.httpStatus !== null ? <span className="text-xs">{t("httpStatus", { status: channel.lastDelivery.httpStatus })}</span> : null}
                  {channel.lastDelivery.detail ? <span className="max-w-64 text-xs break-words text-neutral-700">{channel.lastDelivery.detail}</span> : null}
                </span>
              ) : (
                <span className="text-neutral-700">{t("never")}</span>
              )}
            </TableCell>
            <TableCell className={channel.failed > 0 ? "font-semibold text-rose-800" : undefined}>{f.number(channel.failed)}</TableCell>
            <TableCell className={channel.backlog > 0 ? "font-semibold text-amber-900" : undefined}>{f.number(channel.backlog)}</TableCell>
            <TableCell>
              <span className="flex flex-wrap gap-1.5">
                <Button size="sm" variant="secondary" aria-label={t("sendTestTo", { name: channel.name })} disabled={testing !== null} onClick={() => actions.test(channel)}>
                  {testing === channel.id ? t("testing") : t("sendTest")}
                </Button>
                {channel.source === "admin" ? (
                  <>
                    <Button size="sm" variant="secondary" aria-label={t("editChannel", { name: channel.name })} onClick={() => actions.edit(channel)}>
                      {t("edit")}
                    </Button>
                    <Button size="sm" variant="ghost" aria-label={t("deleteChannel", { name: channel.name })} onClick={() => actions.remove(channel)}>
                      {t("delete")}
                    </Button>
                  </>
                ) : null}
              </span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
