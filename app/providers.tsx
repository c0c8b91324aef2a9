"use client";
import { QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { signInPath } from "@/lib/auth/next-path";
import { ApiRequestError } from "@/lib/client/api-error";
import { QUERY_STALE_TIME_MS } from "@/lib/client/query-client";
import { ToastProvider } from "@/components/ui/toast";

/**
 * A read answered 401 means the session ended (idle timeout, sign-out elsewhere): go to the
 * sign-in page and come back here afterwards. Mutations are left alone: the reset dialog says
 * so itself, rather than vanishing under the operator's hands.
 */
function signInOnUnauthenticated(error: Error) {
  if (error instanceof ApiRequestError && error.status === 401) {
    window.location.assign(signInPath(`${window.location.pathname}${window.location.search}`, "expired"));
  }
}

function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: signInOnUnauthenticated }),
    defaultOptions: {
      queries: {
        staleTime: QUERY_STALE_TIME_MS,
        // An answer from the API (DTS said no, bad filter, unknown task) will not change on a
        // retry, and retrying only delays the error panel; a lost connection is worth one more try.
        retry: (failureCount, error) =>
          failureCount < 1 && !(error instanceof ApiRequestError && !error.isNetworkError),
      },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab, created once (TanStack's App Router guidance).
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
