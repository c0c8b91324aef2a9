"use client";
import { useCallback, useRef, useState } from "react";
import type { DtsTask } from "@/lib/domain/task";
import type { ResetResult } from "@/lib/domain/reset-record";

/**
 * Opens and closes the reset dialog and decides where focus goes when it closes. The dialog is
 * opened from a row rather than from a Radix Trigger, so Radix has nothing to return focus to:
 * after a cancel, focus goes back to the button that opened it; after a success, to the result
 * panel's heading, which is what the operator needs to read next.
 */
export function useResetDialog(onSucceeded: (result: ResetResult) => void) {
  const [task, setTask] = useState<DtsTask | null>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const succeededRef = useRef(false);
  const resultHeadingRef = useRef<HTMLHeadingElement>(null);

  const open = useCallback((next: DtsTask) => {
    openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    succeededRef.current = false;
    setTask(next);
  }, []);

  const onClose = useCallback(() => setTask(null), []);

  const handleSucceeded = useCallback(
    (result: ResetResult) => {
      succeededRef.current = true;
      setTask(null);
      onSucceeded(result);
    },
    [onSucceeded],
  );

  const returnFocus = useCallback(() => {
    const target = succeededRef.current ? resultHeadingRef.current : openerRef.current;
    succeededRef.current = false;
    if (target?.isConnected) target.focus();
    else document.getElementById("main")?.focus();
  }, []);

  return { task, open, resultHeadingRef, dialogProps: { task, onClose, onSucceeded: handleSucceeded, returnFocus } };
}
