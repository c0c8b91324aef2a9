"use client";
// The notifications page: the channels with their deliveries' health, "Send test" with the
// receiver's answer, add / edit / delete, and the recent deliveries with "Retry" for a failed one.
// Every change goes through the admin API, which checks the admin role again.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState, type ReactNode } from "react";
import { PageSection } from "@/components/console/page-section";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { toApiRequestError } from "@/lib/client/api-error";
import { useErrorText } from "@/lib/client/format";
import type { ChannelTestResult, ChannelView, DeliveryView } from "@/lib/domain/notification-views";
import { ConfirmDialog, type ConfirmRequest } from "../users/_components/confirm-dialog";
import { ChannelForm } from "./_components/channel-form";
import { ChannelsTable } from "./_components/channels-table";
import { DeliveriesTable } from "./_components/deliveries-table";
import { channelsOptions, deliveriesOptions, notificationChanges, notificationKeys } from "./notification-queries";

function Loaded<T>({ query, empty, children }: { query: { data: T[] | undefined; error: unknown }; empty: string; children: (data: T[]) => ReactNode }) {
  const t = useTranslations("Notifications");
  const errorText = useErrorText();
  if (query.data) return query.data.length ? children(query.data) : <p className="text-sm text-neutral-700">{empty}</p>;
  if (query.error) return <p className="text-sm text-rose-800">{t("loadFailed", { error: errorText(toApiRequestError(query.error)) })}</p>;
  return (
    <p className="flex items-center gap-2 text-sm text-neutral-700">
      <Spinner /> {t("loading")}
    </p>
  );
}

function TestOutcome({ result }: { result: { name: string; test: ChannelTestResult } | { name: string; error: string } | null }) {
  const t = useTranslations("Notifications");
  return (
    // Always rendered, so that each new answer is announced.
    <div role="status" className="empty:hidden">
      {result ? (
        <div className={`rounded-md border p-3 text-sm ${"test" in result && result.test.outcome === "delivered" ? "border-green-300 bg-green-50 text-green-950" : "border-rose-300 bg-rose-50 text-rose-950"}`}>
          <p className="font-semibold">{t("testResultHeading", { name: result.name })}</p>
          {"test" in result ? (
            <>
              <p>
                {result.test.outcome === "delivered"
                  ? t("testDelivered", { status: t("httpStatus", { status: result.test.status ?? 0 }) })
                  : result.test.outcome === "retry"
                    ? t("testRetry")
                    : t("testFailed")}
              </p>
              <p className="mt-1 font-mono text-xs break-words">{t("testDetail", { detail: result.test.detail })}</p>
            </>
          ) : (
            <p>{result.error}</p>
          )}
        </div>
      ) : null}
    </div>
  );
}

export function NotificationsClient() {
  const t = useTranslations("Notifications");
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const channels = useQuery(channelsOptions());
  const deliveries = useQuery(deliveriesOptions());
  const [editing, setEditing] = useState<ChannelView | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [testResult, setTestResult] = useState<{ name: string; test: ChannelTestResult } | { name: string; error: string } | null>(null);
  const [retryError, setRetryError] = useState<string | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });

  const test = useMutation({
    mutationFn: (channel: ChannelView) => notificationChanges.test(channel.id),
    onMutate: () => setTestResult(null),
    onSuccess: (result, channel) => setTestResult({ name: channel.name, test: result }),
    onError: (error, channel) => setTestResult({ name: channel.name, error: errorText(toApiRequestError(error)) }),
    onSettled: refresh,
  });

  const retry = useMutation({
    mutationFn: (delivery: DeliveryView) => notificationChanges.retry(delivery.id),
    onMutate: () => setRetryError(null),
    onSuccess: () => toast({ title: t("retried"), tone: "success" }),
    onError: (error) => setRetryError(errorText(toApiRequestError(error))),
    onSettled: refresh,
  });

  async function submit(body: Parameters<Parameters<typeof ChannelForm>[0]["onSubmit"]>[0]) {
    if ("create" in body) {
      const { channel } = await notificationChanges.create(body.create);
      toast({ title: t("added", { name: channel.name }), tone: "success" });
    } else if (editing) {
      const { channel } = await notificationChanges.update(editing.id, body.update);
      toast({ title: t("saved", { name: channel.name }), tone: "success" });
      setEditing(null);
    }
    await refresh();
  }

  const actions = {
    test: (channel: ChannelView) => test.mutate(channel),
    edit: (channel: ChannelView) => {
      setEditing(channel);
      requestAnimationFrame(() => formHeading.current?.focus());
    },
    remove: (channel: ChannelView) =>
      setConfirm({
        title: t("deleteTitle", { name: channel.name }),
        description: <p>{t("deleteBody")}</p>,
        confirmLabel: t("deleteConfirm"),
        returnFocusTo: document.activeElement instanceof HTMLElement ? document.activeElement : null,
        onConfirm: () =>
          void notificationChanges
            .remove(channel.id)
            .then(() => toast({ title: t("deleted", { name: channel.name }), tone: "success" }))
            .catch((error: unknown) => toast({ title: errorText(toApiRequestError(error)), tone: "error" }))
            .finally(refresh),
      }),
  };

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-xl font-semibold text-neutral-950">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-neutral-700">{t("intro")}</p>
      </div>

      <PageSection id="channels-heading" title={t("channelsHeading")}>
        <TestOutcome result={testResult} />
        {channels.data && !channels.data.keyConfigured ? (
          <Notice tone="warning" role="note">
            {t("keyMissing")}
          </Notice>
        ) : null}
        <Loaded query={{ data: channels.data?.channels, error: channels.error }} empty={t("noChannels")}>
          {(data) => <ChannelsTable channels={data} actions={actions} testing={test.isPending ? (test.variables?.id ?? null) : null} />}
        </Loaded>
      </PageSection>

      <section aria-labelledby="channel-form-heading" className="space-y-3">
        <h2 id="channel-form-heading" ref={formHeading} tabIndex={-1} className="text-lg font-semibold text-neutral-950 focus:outline-none">
          {editing ? t("editHeading", { name: editing.name }) : t("addHeading")}
        </h2>
        <ChannelForm key={editing?.id ?? "new"} channel={editing} onSubmit={submit} onCancel={editing ? () => setEditing(null) : undefined} />
      </section>

      <PageSection id="deliveries-heading" title={t("deliveriesHeading")}>
        <div role="alert" className="text-sm text-rose-800 empty:hidden">
          {retryError}
        </div>
        <Loaded query={deliveries} empty={t("noDeliveries")}>
          {(data) => <DeliveriesTable deliveries={data} onRetry={(d) => retry.mutate(d)} busy={retry.isPending} />}
        </Loaded>
      </PageSection>

      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </div>
  );
}
