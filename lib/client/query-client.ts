import { QueryClient, type QueryClientConfig } from "@tanstack/react-query";

/**
 * How long an answer counts as fresh in the browser: a page that arrives with its data rendered
 * on the server (server-prefetch.tsx) is not read again on hydration within this time.
 */
export const QUERY_STALE_TIME_MS = 10_000;

/**
 * The query client of one server render: pages prefetch their first answer into it and hand it to
 * the browser's client with <HydrationBoundary> (TanStack Query's "prefetch and dehydrate"
 * pattern). One per request, never shared: it holds what this user may see. It never retries:
 * a failed prefetch is simply not sent (only successful queries are dehydrated), and the
 * browser's query then asks the API itself and shows the error as it always has.
 */
export function newServerQueryClient(config: QueryClientConfig = {}): QueryClient {
  return new QueryClient({
    ...config,
    defaultOptions: { ...config.defaultOptions, queries: { staleTime: QUERY_STALE_TIME_MS, retry: false, ...config.defaultOptions?.queries } },
  });
}

/** The query string of an API URL as the route handler reads it (lib/api/route.ts parseQuery): empty values left out. */
export function apiQueryParams(url: string): Record<string, string> {
  const search = new URL(url, "http://console.invalid").searchParams;
  return Object.fromEntries([...search.entries()].filter(([, value]) => value !== ""));
}
