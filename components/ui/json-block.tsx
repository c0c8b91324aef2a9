/**
 * Raw JSON one click away, collapsed by default so it does not drown the readable summary. The
 * scrolling block takes focus, so it can be scrolled with the keyboard (and axe's
 * scrollable-region-focusable rule holds).
 */
export function JsonBlock({ summary, value }: { summary: string; value: unknown }) {
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return (
    <details className="rounded-md border border-neutral-200 bg-neutral-50">
      <summary className="cursor-pointer px-3 py-1.5 text-sm font-medium text-neutral-800 focus-ring">
        {summary}
      </summary>
      <pre
        tabIndex={0}
        role="group"
        aria-label={summary}
        className="max-h-96 overflow-auto border-t border-neutral-200 px-3 py-2 font-mono text-xs leading-relaxed text-neutral-900 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600"
      >
        {text}
      </pre>
    </details>
  );
}
