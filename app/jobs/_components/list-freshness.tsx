"use client";
import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/client/format";
import type { ReadFreshness, UnreadableTask } from "@/lib/domain/task";
import { Notice } from "@/components/ui/notice";

/**
 * How old the list on screen is. DTS's read quota is shared by the whole account, so the console
 * reuses a list for a couple of seconds across operators, and when DTS is limiting requests it
 * shows the last list it had, with its age, instead of an error page.
 */
export function ListFreshness({ freshness }: { freshness: ReadFreshness | undefined }) {
  const t = useTranslations("Jobs");
  const f = useFormat();
  if (!freshness) return null;
  const asOf = f.time(freshness.asOf) ?? "";
  if (!freshness.limited) {
    return (
      <p className="text-xs text-neutral-600" data-testid="list-as-of">
        {t("asOf", { time: asOf })}
      </p>
    );
  }
  return (
    <Notice tone="warning" role="status" data-testid="list-limited">
      {t.rich("limited", { time: asOf, strong: (chunks) => <strong className="font-semibold">{chunks}</strong> })}
    </Notice>
  );
}

/** Items DTS returned in a shape the console cannot read: named, never silently dropped. */
export function UnreadableItems({ items }: { items: UnreadableTask[] | undefined }) {
  const t = useTranslations("Jobs");
  if (!items || items.length === 0) return null;
  return (
    <Notice tone="warning" as="div" role="note" data-testid="unreadable-items">
      <p className="font-semibold">
        {t("unreadable", { count: items.length })}
      </p>
      <ul className="mt-1 list-disc pl-5">
        {items.map((item) => (
          <li key={item.index}>
            <span className="font-mono">{item.jobId ?? item.instanceId ?? t("unreadableItem", { n: item.index + 1 })}</span>
            {item.name ? ` (${item.name})` : ""}: {t("unreadableProblem", { detail: item.detail })}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
