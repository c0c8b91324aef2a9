"use client";
// Asks before a change that locks someone out or cannot be undone (disable, password reset, revoke).
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { AlertDialog, AlertDialogBody, AlertDialogCancel, AlertDialogContent, AlertDialogDescription, AlertDialogFooter, AlertDialogHeader, AlertDialogTitle } from "@/components/ui/alert-dialog";
import { Button, buttonClasses } from "@/components/ui/button";

export interface ConfirmRequest {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** Red for what locks someone out or cannot be undone. */
  tone?: "destructive" | "primary";
  onConfirm: () => void;
  /**
   * Where focus goes back to when the dialog closes: the button that opened it. Radix does this
   * itself only for its own trigger, and these dialogs are opened from rows of a table.
   */
  returnFocusTo?: HTMLElement | null;
}

export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose: () => void }) {
  const common = useTranslations("Common");
  return (
    <AlertDialog open={request !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      {request ? (
        <AlertDialogContent
          className="max-w-md"
          onCloseAutoFocus={(event) => {
            if (!request.returnFocusTo?.isConnected) return;
            event.preventDefault();
            request.returnFocusTo.focus();
          }}
        >
          <AlertDialogHeader>
            <AlertDialogTitle>{request.title}</AlertDialogTitle>
          </AlertDialogHeader>
          <AlertDialogBody>
            <AlertDialogDescription asChild>
              <div>{request.description}</div>
            </AlertDialogDescription>
          </AlertDialogBody>
          <AlertDialogFooter>
            <AlertDialogCancel className={buttonClasses("secondary")}>{common("cancel")}</AlertDialogCancel>
            <Button
              variant={request.tone ?? "destructive"}
              onClick={() => {
                request.onConfirm();
                onClose();
              }}
            >
              {request.confirmLabel}
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      ) : null}
    </AlertDialog>
  );
}
