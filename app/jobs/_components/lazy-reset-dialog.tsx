"use client";
import dynamic from "next/dynamic";
import { useState, type ComponentProps } from "react";
import type { ResetDialog as ResetDialogComponent } from "./reset-dialog";

// The dialog brings zod (the form shares the server's schema) and Radix: about 50 KiB gzip that
// the task list does not need until an operator actually opens a reset.
const ResetDialog = dynamic(() => import("./reset-dialog").then((m) => m.ResetDialog), { ssr: false });

/** Loads the reset dialog on first use, then keeps it mounted so closing can return focus. */
export function LazyResetDialog(props: ComponentProps<typeof ResetDialogComponent>) {
  const [wanted, setWanted] = useState(false);
  if (props.task && !wanted) setWanted(true);
  return wanted ? <ResetDialog {...props} /> : null;
}
