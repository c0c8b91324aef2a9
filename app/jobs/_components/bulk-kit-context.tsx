"use client";
// What the task list's first paint carries of the bulk reset (issue 22): almost nothing. The
// checkboxes, "select all on this page", the bar with its count and the dialog are in bulk-select.tsx,
// fetched right after hydration for a role that may reset (the list page keeps within its
// JavaScript budget, bench/budget.json); until then each row keeps the checkbox's room.
import { createContext, useContext, useEffect, useState } from "react";
import type { DtsTask } from "@/lib/domain/task";

export type BulkKit = typeof import("./bulk-select");

/** The loaded kit, or null (not loaded yet, or a role that cannot reset). */
export const BulkKitContext = createContext<BulkKit | null>(null);

/** Fetches the kit once the page is interactive; null until then, and always for a role that cannot reset. */
export function useBulkKit(enabled: boolean): BulkKit | null {
  const [kit, setKit] = useState<BulkKit | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void import("./bulk-select").then((loaded) => live && setKit(loaded));
    return () => {
      live = false;
    };
  }, [enabled]);
  return enabled ? kit : null;
}

/** A row's checkbox once the kit is in; before, its room (so nothing shifts). */
export function SelectSlot({ task, reasonId }: { task: DtsTask; reasonId: string | null }) {
  const kit = useContext(BulkKitContext);
  if (kit) return <kit.TaskCheckbox task={task} reasonId={reasonId} />;
  return <span aria-hidden="true" className="inline-block size-4" />;
}
