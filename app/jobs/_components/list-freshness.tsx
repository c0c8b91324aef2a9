import { formatTime } from "@/lib/domain/format";
import type { ReadFreshness, UnreadableTask } from "@/lib/domain/task";

/**
 * How old the list on screen is. DTS's read quota is shared by the whole account, so the console
 * reuses a list for a couple of seconds across operators, and when DTS is limiting requests it
 * shows the last list it had, with its age, instead of an error page.
 */
export function ListFreshness({ freshness }: { freshness: ReadFreshness | undefined }) {
  if (!freshness) return null;
  const asOf = formatTime(freshness.asOf);
  if (!freshness.limited) {
    return (
      <p className="text-xs text-neutral-600" data-testid="list-as-of">
        As of {asOf}
      </p>
    );
  }
  return (
    <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="list-limited">
      <strong className="font-semibold">DTS is limiting requests.</strong> This is the list as of {asOf}; it refreshes by itself
      when DTS answers again. A reset always reads the task fresh from DTS first.
    </p>
  );
}

/** Items DTS returned in a shape the console cannot read: named, never silently dropped. */
export function UnreadableItems({ items }: { items: UnreadableTask[] | undefined }) {
  if (!items || items.length === 0) return null;
  return (
    <div role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="unreadable-items">
      <p className="font-semibold">
        {items.length === 1 ? "1 task on this page" : `${items.length} tasks on this page`} could not be read, and cannot be reset from here:
      </p>
      <ul className="mt-1 list-disc pl-5">
        {items.map((item) => (
          <li key={item.index}>
            <span className="font-mono">{item.jobId ?? item.instanceId ?? `item ${item.index + 1}`}</span>
            {item.name ? ` (${item.name})` : ""}: {item.problem}
          </li>
        ))}
      </ul>
    </div>
  );
}
