"use client";
// A small hand-written toaster. The live region is rendered once, up front, and stays in the
// DOM: screen readers only announce changes to a region that already existed.
import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";

export type ToastTone = "success" | "error" | "info";

export interface ToastInput {
  title: string;
  description?: ReactNode;
  tone?: ToastTone;
  /** Milliseconds; the same facts always stay on the page too, so a toast may go away. */
  durationMs?: number;
}

interface ToastItem extends Required<Pick<ToastInput, "title" | "tone">> {
  id: number;
  description?: ReactNode;
}

interface ToastApi {
  toast: (input: ToastInput) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast must be used inside <ToastProvider>");
  return api;
}

const TONE_CLASSES: Record<ToastTone, string> = {
  success: "border-l-emerald-600",
  error: "border-l-rose-700",
  info: "border-l-sky-600",
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useTranslations("Console");
  const common = useTranslations("Common");
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setItems((all) => all.filter((t) => t.id !== id)), []);

  const toast = useCallback(
    ({ title, description, tone = "info", durationMs = 12_000 }: ToastInput) => {
      const id = nextId.current++;
      // Keep at most three: a pile of stale toasts hides the page.
      setItems((all) => [...all.slice(-2), { id, title, description, tone }]);
      window.setTimeout(() => dismiss(id), durationMs);
    },
    [dismiss],
  );

  const api = useMemo(() => ({ toast }), [toast]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section
        aria-label={t("notifications")}
        className="pointer-events-none fixed right-4 bottom-4 z-30 w-96 max-w-[calc(100vw-2rem)]"
      >
        <div role="status" aria-live="polite">
          {items.length > 0 ? (
            <ol className="flex flex-col gap-2">
              {items.map((item) => (
                <li
                  key={item.id}
                  className={cn(
                    "pointer-events-auto rounded-md border border-l-4 border-neutral-200 bg-white p-3 text-sm shadow-lg",
                    TONE_CLASSES[item.tone],
                  )}
                >
                  <div className="flex items-start justify-between gap-2">
                    <p className="font-semibold text-neutral-950">{item.title}</p>
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => dismiss(item.id)}
                      aria-label={t("dismissToast", { title: item.title })}
                    >
                      {common("dismiss")}
                    </Button>
                  </div>
                  {item.description ? <div className="mt-1 text-neutral-800">{item.description}</div> : null}
                </li>
              ))}
            </ol>
          ) : null}
        </div>
      </section>
    </ToastContext.Provider>
  );
}
