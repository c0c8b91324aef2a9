"use client";
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type { BulkResetDialog as BulkResetDialogComponent } from "./bulk-reset-dialog";

/**
 * The bulk dialog brings zod (its form shares the server's schema), Radix and the plan's widgets;
 * the task list's first paint needs none of them (its budget: bench/budget.json). Unlike the
 * single reset dialog it is not mounted after hydration: the list renders it only once "Reset N
 * tasks" is pressed, and the dry run it starts with takes longer than fetching it.
 */
export const LazyBulkResetDialog = dynamic<ComponentProps<typeof BulkResetDialogComponent>>(
  () => import("./bulk-reset-dialog").then((m) => m.BulkResetDialog),
  { ssr: false },
);
