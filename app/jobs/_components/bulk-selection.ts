"use client";
// The tasks chosen for a bulk reset (issue 22), kept in the tab's sessionStorage so the choice
// survives paging, region, account and filter changes, a visit to a task's page and a reload,
// and is gone with the tab. Keyed by account, region, task and instance: the same task ID in two
// accounts is two tasks.
import { useMemo, useSyncExternalStore } from "react";
import type { JobType } from "@/lib/domain/status";
import { directionTarget, taskBlockedCode } from "@/lib/domain/reset-target";
import type { Direction, DtsTask } from "@/lib/domain/task";

const STORAGE_KEY = "dts-console:bulk-selection";

/** What the bulk dialog needs of a chosen task before its dry run reads it fresh. */
export interface SelectedTask {
  key: string;
  /** The account the list read it in (lib/tasks/service.ts inAccount); absent on an old entry. */
  account?: string;
  region: string;
  jobId: string;
  instanceId: string;
  name: string;
  type: JobType;
  twoWay: boolean;
  /** The direction the dialog proposes first; the operator may change it for a two-way task. */
  direction: Direction;
}

export function selectionKey(task: Pick<DtsTask, "account" | "region" | "jobId" | "instanceId">): string {
  return [task.account ?? "", task.region, task.jobId, task.instanceId].join("/");
}

/**
 * Whether a task may be chosen for a bulk reset: the rule of the single dialog (lib/domain/
 * reset-target.ts), so a task whose Reset button is disabled cannot be chosen either. A reverse
 * task that DTS listed as an item of its own is reset through its forward task, and only
 * synchronization and change tracking tasks can be reset at all. The server checks again.
 */
export function bulkSelectable(task: DtsTask): boolean {
  if (task.direction === "Reverse") return false;
  if (task.type !== "SYNC" && task.type !== "SUBSCRIBE") return false;
  return taskBlockedCode(task) === null;
}

/** The half a bulk should reset first: the failed one when one half failed, else the first DTS would reset. */
export function proposedDirection(task: DtsTask): Direction {
  const forward = directionTarget(task, "Forward");
  const reverse = directionTarget(task, "Reverse");
  const usable = [forward, reverse].filter((t) => t !== null && t.blockedCode === null);
  const failed = usable.find((t) => t?.status === "Failed" || t?.status === "Abnormal");
  return (failed ?? usable[0] ?? forward)?.direction ?? "Forward";
}

function toSelected(task: DtsTask): SelectedTask {
  return {
    key: selectionKey(task),
    ...(task.account ? { account: task.account } : {}),
    region: task.region,
    jobId: task.jobId,
    instanceId: task.instanceId,
    name: task.name,
    type: task.type,
    twoWay: task.twoWay,
    direction: proposedDirection(task),
  };
}

function isSelectedTask(value: unknown): value is SelectedTask {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return ["key", "region", "jobId", "instanceId", "name", "type"].every((k) => typeof v[k] === "string") && (v.direction === "Forward" || v.direction === "Reverse");
}

function readStored(): SelectedTask[] {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isSelectedTask) : [];
  } catch {
    return [];
  }
}

function writeStored(items: SelectedTask[]): void {
  try {
    if (items.length === 0) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(items));
  } catch {
    // Storage full or refused (private mode): the choice then lasts as long as the page.
  }
}

export interface BulkSelection {
  items: SelectedTask[];
  count: number;
  isSelected: (task: DtsTask) => boolean;
  toggle: (task: DtsTask) => void;
  /** Chooses (or lets go of) every task given, e.g. the selectable ones of the page. */
  setMany: (tasks: readonly DtsTask[], selected: boolean) => void;
  clear: () => void;
}

// One choice per tab, shared by every checkbox, the page's "select all" and the bar: a store
// outside React (useSyncExternalStore), read from the tab's storage the first time it is asked.
// This module is loaded only in the browser, after hydration (bulk-kit-context.tsx).
const EMPTY: SelectedTask[] = [];
let current: SelectedTask[] | null = null;
const listeners = new Set<() => void>();

function snapshot(): SelectedTask[] {
  if (current === null) current = readStored();
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function update(next: (items: SelectedTask[]) => SelectedTask[]): void {
  current = next(snapshot());
  writeStored(current);
  for (const listener of listeners) listener();
}

function toggle(task: DtsTask): void {
  const key = selectionKey(task);
  update((items) => (items.some((i) => i.key === key) ? items.filter((i) => i.key !== key) : [...items, toSelected(task)]));
}

function setMany(tasks: readonly DtsTask[], selected: boolean): void {
  update((items) => {
    const given = new Set(tasks.map(selectionKey));
    if (!selected) return items.filter((i) => !given.has(i.key));
    const have = new Set(items.map((i) => i.key));
    return [...items, ...tasks.filter((t) => !have.has(selectionKey(t))).map(toSelected)];
  });
}

function clear(): void {
  update(() => []);
}

/** The chosen tasks, in the order they were chosen. */
export function useBulkSelection(): BulkSelection {
  const items = useSyncExternalStore(subscribe, snapshot, () => EMPTY);
  const keys = useMemo(() => new Set(items.map((i) => i.key)), [items]);
  return useMemo(
    () => ({ items, count: items.length, isSelected: (task: DtsTask) => keys.has(selectionKey(task)), toggle, setMany, clear }),
    [items, keys],
  );
}
