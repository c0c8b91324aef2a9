/** Raw JSON for the curious, collapsed by default so it does not drown the summary. */
export function JsonBlock({ summary, value }: { summary: string; value: unknown }) {
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return (
    <details className="group rounded-md border border-neutral-200 bg-neutral-50">
      <summary className="cursor-pointer px-3 py-1.5 text-sm font-medium text-neutral-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
        {summary}
      </summary>
      <pre className="max-h-80 overflow-auto border-t border-neutral-200 px-3 py-2 font-mono text-xs leading-relaxed text-neutral-900">
        {text}
      </pre>
    </details>
  );
}
