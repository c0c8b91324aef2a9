"use client";
// The task list's side of the bulk reset (issue 22): a checkbox per task, "select all on this
// page", and the bar that follows the operator down the page with the count, Clear and "Reset N
// tasks". Loaded after hydration (bulk-kit-context.tsx); the dialog itself loads only when "Reset
// N tasks" is pressed (bulk-reset-dialog/).
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { DtsTask } from "@/lib/domain/task";
import { SELECT_ALL_PARAM } from "@/lib/client/bulk-hrefs";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { LazyBulkResetDialog } from "./bulk-reset-dialog/lazy-bulk-reset-dialog";
import { bulkSelectable, useBulkSelection } from "./bulk-selection";

const BOX = "size-4 shrink-0 accent-neutral-900 focus-ring disabled:cursor-not-allowed";
const SELECT_PAGE_ID = "bulk-select-page";

/**
 * One task's checkbox, named after the task. A task that cannot be reset cannot be chosen: the
 * box is disabled and described by the same reason as the row's Reset button.
 */
export function TaskCheckbox({
  task,
  reasonId,
}: {
  task: DtsTask;
  /** The id of the row's "why it cannot be reset" text, when it has one. */
  reasonId: string | null;
}) {
  const t = useTranslations("Bulk");
  const selection = useBulkSelection();
  const selectable = bulkSelectable(task);
  const box = (
    <input
      type="checkbox"
      className={BOX}
      checked={selectable && selection.isSelected(task)}
      disabled={!selectable}
      onChange={() => selection.toggle(task)}
      aria-label={t("selectTask", { name: task.name })}
      aria-describedby={!selectable && reasonId ? reasonId : undefined}
      data-select-task={task.jobId}
    />
  );
  // Below md (the row is a card, for a finger) the label pads the box to a 36 px target without
  // moving it; a click on the padding toggles the box, as on the box itself.
  return <label className="inline-flex max-md:-m-2.5 max-md:p-2.5">{box}</label>;
}

/** "Select all on this page": checked when every selectable task of the page is chosen, mixed when some are. */
export function SelectPage({ tasks }: { tasks: readonly DtsTask[] }) {
  const t = useTranslations("Bulk");
  const selection = useBulkSelection();
  const ref = useRef<HTMLInputElement>(null);
  const selectable = tasks.filter(bulkSelectable);
  const chosen = selectable.filter(selection.isSelected).length;
  const all = selectable.length > 0 && chosen === selectable.length;
  const some = chosen > 0 && !all;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some;
  }, [some]);
  return (
    <label className={cn("inline-flex min-h-9 items-center gap-2 text-sm text-neutral-900", selectable.length === 0 && "text-neutral-500")}>
      <input
        ref={ref}
        id={SELECT_PAGE_ID}
        type="checkbox"
        className={BOX}
        checked={all}
        disabled={selectable.length === 0}
        onChange={() => selection.setMany(selectable, !all)}
      />
      {t("selectPage")}
    </label>
  );
}

/**
 * The chosen tasks' bar, stuck to the bottom of the screen while there are some, and the bulk
 * dialog it opens. The count is also said by a polite live region that is always in the page (a
 * region that appears with its text is often not announced). `select=all` in the address (the
 * overview's "Reset the failed tasks…") chooses every selectable task of the page once this
 * view's own rows are in, and leaves the address so a reload does not choose them again.
 */
export function SelectionBar({
  pageItems,
  onOpenChange,
}: {
  /** The rows of the view in the address; undefined while they are being read. */
  pageItems: readonly DtsTask[] | undefined;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("Bulk");
  const selection = useBulkSelection();
  const count = selection.count;
  const [open, setOpen] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const selectAll = useRef(new URLSearchParams(window.location.search).get(SELECT_ALL_PARAM) === "all");
  const { setMany } = selection;

  useEffect(() => {
    if (!selectAll.current || !pageItems) return;
    selectAll.current = false;
    setMany(pageItems.filter(bulkSelectable), true);
    const url = new URL(window.location.href);
    url.searchParams.delete(SELECT_ALL_PARAM);
    window.history.replaceState(null, "", `${url.pathname}${url.search}`);
  }, [pageItems, setMany]);

  const show = (next: boolean) => {
    setOpen(next);
    onOpenChange(next);
  };

  return (
    <>
      <p role="status" aria-live="polite" className="sr-only">
        {count > 0 ? t("selectedCount", { count }) : ""}
      </p>
      {count > 0 ? (
        <section
          aria-label={t("selectionRegion")}
          className="sticky bottom-0 z-30 -mx-4 border-t border-neutral-300 bg-white/95 px-4 py-2.5 shadow-[0_-2px_8px_rgba(0,0,0,0.06)] backdrop-blur"
          data-selection-count={count}
        >
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <p className="text-sm font-medium text-neutral-950">{t("selectedCount", { count })}</p>
            <div className="ml-auto flex flex-wrap items-center gap-2">
              <Button
                variant="secondary"
                onClick={() => {
                  selection.clear();
                  // The bar (and this button) goes: focus goes to "Select all on this page".
                  requestAnimationFrame(() => (document.getElementById(SELECT_PAGE_ID) ?? document.getElementById("main"))?.focus());
                }}
              >
                {t("clearSelection")}
              </Button>
              <Button ref={openerRef} variant="destructive" onClick={() => show(true)}>
                {t("resetSelected", { count })}
              </Button>
            </div>
          </div>
        </section>
      ) : null}
      {open ? (
        <LazyBulkResetDialog
          tasks={selection.items}
          onClose={() => show(false)}
          onStarted={selection.clear}
          returnFocus={() => {
            const opener = openerRef.current;
            if (opener?.isConnected) opener.focus();
            else document.getElementById("main")?.focus();
          }}
        />
      ) : null}
    </>
  );
}
