"use client";
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type { ResetDialog as ResetDialogComponent } from "./reset-dialog";

/**
 * The reset dialog brings zod (its form shares the server's schema) and Radix: about 50 KiB gzip
 * that the first paint of a task list does not need. Rendered on the client only, it is fetched
 * and mounted (closed) right after hydration, so it is ready before an operator can press Reset;
 * mounting it only on first open would cost a Suspense reveal (~300 ms) at the worst moment.
 */
export const LazyResetDialog = dynamic<ComponentProps<typeof ResetDialogComponent>>(
  () => import("./reset-dialog").then((m) => m.ResetDialog),
  { ssr: false },
);
