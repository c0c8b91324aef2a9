// What an operator feels in Chromium: navigation → first task row visible on /jobs, and pressing
// a row's "Reset <name>" → the dialog visible with focus on Cancel; the baseline is the same
// navigation measurement on /bench-baseline (app/bench-baseline: one <h1>, same build and layout).
//
// Times are taken inside the page, not by Playwright's polling: an init script watches the DOM
// (MutationObserver + focusin) and records performance.now() the moment the condition first holds.
// performance.now() counts from the navigation's start, so the navigation figure is "navigation
// start → row in the DOM with a layout box", free of the test driver's polling interval.
import fs from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { JOBS_PAGE, SEEDED_TASK } from "./targets";
import { median } from "./stats";

const SYSTEM_CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find((p): p is string => !!p && fs.existsSync(p));

const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // /dev/shm is small in containers; without this Chromium may crash under load.
  "--disable-dev-shm-usage",
];

/**
 * Runs in every document before the app's scripts. Records in window.__bench.marks:
 *  - row: first `tr[data-job-id]` (a task row, not the loading row) with a layout box;
 *  - h1: first <h1> with a layout box (the baseline page);
 *  - press / dialog: pointerdown on a "Reset …" button, then the first moment an alertdialog or
 *    dialog named "Reset task" is visible AND the focused element is its Cancel button.
 * Plain JavaScript in a string: a function would be serialised after tsx's transform, which adds
 * helpers (__name) that do not exist in the page.
 */
const PROBE = `(() => {
  const marks = {};
  const visible = (el) => !!el && el.getClientRects().length > 0;
  let dialogArmed = false;
  const check = () => {
    const now = performance.now();
    if (marks.row === undefined && visible(document.querySelector("tr[data-job-id]"))) marks.row = now;
    if (marks.h1 === undefined && visible(document.querySelector("h1"))) marks.h1 = now;
    if (dialogArmed && marks.dialog === undefined) {
      const dialog = [...document.querySelectorAll('[role="alertdialog"],[role="dialog"]')].find((d) => {
        const labelId = d.getAttribute("aria-labelledby");
        const label = labelId ? document.getElementById(labelId)?.textContent : d.getAttribute("aria-label");
        return label?.trim() === "Reset task" && visible(d);
      });
      const focused = document.activeElement;
      if (dialog && focused && dialog.contains(focused) && focused.textContent?.trim() === "Cancel") marks.dialog = now;
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener("focusin", check, true);
  document.addEventListener("pointerdown", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button") : null;
    const name = button ? button.getAttribute("aria-label") || button.textContent || "" : "";
    if (dialogArmed && marks.press === undefined && /^Reset /.test(name)) marks.press = performance.now();
  }, true);
  window.__bench = {
    marks,
    armDialog() {
      dialogArmed = true;
      delete marks.press;
      delete marks.dialog;
    },
  };
})();`;

/** The probe's handle on window, for the functions below that run in the page. */
type ProbeWindow = { __bench?: { marks: Record<string, number>; armDialog(): void } };

// The functions passed to the page are anonymous arrows on purpose: tsx names named functions
// with a helper that the page lacks. They are not strings either: the console's CSP forbids eval.
async function readMark(page: Page, name: string, timeoutMs = 15_000): Promise<number> {
  const handle = await page.waitForFunction((n) => (window as unknown as ProbeWindow).__bench?.marks[n], name, {
    timeout: timeoutMs,
    polling: 50,
  });
  return (await handle.jsonValue()) as number;
}

/** Navigation Timing of one visit (ms from navigation start), for the first row's breakdown. */
export interface NavigationPhases {
  /** First byte of the HTML: the server's render, the DTS call of the page included. */
  responseStart: number;
  /** Last byte of the HTML (streamed: the rows' part comes when the server has them). */
  responseEnd: number;
  /** The HTML parsed (the row is in the DOM by then when the HTML carries it). */
  domInteractive: number;
  /** Deferred scripts run (React hydrates from here). */
  domContentLoaded: number;
  /** The measured element (row or h1) visible. */
  mark: number;
  /** HTML bytes (decoded) and the number of scripts and their transfer size in bytes. */
  htmlBytes: number;
  scripts: number;
}

export interface PhaseMedians {
  responseStart: number;
  responseEnd: number;
  domInteractive: number;
  domContentLoaded: number;
  mark: number;
  htmlBytes: number;
  scripts: number;
}

export interface BrowserFigures {
  runs: number;
  /** Median ms from navigation start to the first task row on /jobs. */
  firstRowMs: number;
  /** Median ms from pointerdown on "Reset <name>" to the dialog visible with focus on Cancel. */
  dialogReadyMs: number;
  /** Median ms from navigation start to the baseline page's h1. */
  baselineMs: number;
  samples: { firstRow: number[]; dialogReady: number[]; baseline: number[] };
  /** Where the time goes up to the row and the h1: medians of each Navigation Timing phase. */
  phases?: { list: PhaseMedians; baseline: PhaseMedians };
  chromium: string;
  cache: string;
}

export interface BrowserInput {
  baseUrl: string;
  runs: number;
  cookies: Array<{ name: string; value: string }>;
}

export async function measureBrowser(input: BrowserInput): Promise<BrowserFigures> {
  const browser: Browser = await chromium.launch({
    headless: true,
    ...(SYSTEM_CHROMIUM ? { executablePath: SYSTEM_CHROMIUM } : {}),
    args: LAUNCH_ARGS,
  });
  try {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    if (input.cookies.length) {
      await context.addCookies(input.cookies.map((c) => ({ ...c, url: input.baseUrl })));
    }
    await context.addInitScript({ content: PROBE });
    const samples = { firstRow: [] as number[], dialogReady: [] as number[], baseline: [] as number[] };
    const phases = { list: [] as NavigationPhases[], baseline: [] as NavigationPhases[] };

    // One unmeasured visit of each page: the runs then see a warm HTTP cache, like an operator
    // who has opened the console before (Next's chunks are immutable and cached).
    await visitList(context, input.baseUrl, false);
    await visitBaseline(context, input.baseUrl);

    // Interleaved, so drift in the machine's load hits both series alike.
    for (let i = 0; i < input.runs; i++) {
      const list = await visitList(context, input.baseUrl, true);
      samples.firstRow.push(list.firstRow);
      samples.dialogReady.push(list.dialogReady);
      phases.list.push(list.phases);
      const baseline = await visitBaseline(context, input.baseUrl);
      samples.baseline.push(baseline.mark);
      phases.baseline.push(baseline);
    }
    return {
      runs: input.runs,
      firstRowMs: median(samples.firstRow),
      dialogReadyMs: median(samples.dialogReady),
      baselineMs: median(samples.baseline),
      samples,
      phases: { list: medianPhases(phases.list), baseline: medianPhases(phases.baseline) },
      chromium: `${browser.version()}${SYSTEM_CHROMIUM ? ` (${SYSTEM_CHROMIUM})` : " (Playwright's build)"}`,
      cache: "warm HTTP cache (one unmeasured visit first), new page per run",
    };
  } finally {
    await browser.close();
  }
}

function medianPhases(list: NavigationPhases[]): PhaseMedians {
  const of = (pick: (p: NavigationPhases) => number) => median(list.map(pick));
  return {
    responseStart: of((p) => p.responseStart),
    responseEnd: of((p) => p.responseEnd),
    domInteractive: of((p) => p.domInteractive),
    domContentLoaded: of((p) => p.domContentLoaded),
    mark: of((p) => p.mark),
    htmlBytes: of((p) => p.htmlBytes),
    scripts: of((p) => p.scripts),
  };
}

/** The page's Navigation Timing once the document has loaded, with `mark` (the measured element). */
async function phasesOf(page: Page, mark: number): Promise<NavigationPhases> {
  await page.waitForLoadState("load");
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const scripts = performance.getEntriesByType("resource").filter((r) => (r as PerformanceResourceTiming).initiatorType === "script");
    return nav
      ? {
          responseStart: nav.responseStart,
          responseEnd: nav.responseEnd,
          domInteractive: nav.domInteractive,
          domContentLoaded: nav.domContentLoadedEventEnd,
          htmlBytes: nav.decodedBodySize,
          scripts: scripts.length,
        }
      : null;
  });
  if (!timing) throw new Error("no Navigation Timing entry");
  return { ...timing, mark };
}

async function visitList(context: BrowserContext, baseUrl: string, openDialog: boolean): Promise<{ firstRow: number; dialogReady: number; phases: NavigationPhases }> {
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}${JOBS_PAGE}`, { waitUntil: "commit" });
    const firstRow = await readMark(page, "row");
    const phases = await phasesOf(page, firstRow);
    // The seeded task sits on page 1 of its region (fixtures come first in the seed).
    const button = page.getByRole("button", { name: `Reset ${SEEDED_TASK.name}`, exact: true });
    await button.waitFor({ state: "visible" });
    let dialogReady = Number.NaN;
    if (openDialog) {
      await page.evaluate(() => (window as unknown as ProbeWindow).__bench?.armDialog());
      await button.click();
      const pressed = await readMark(page, "press");
      dialogReady = (await readMark(page, "dialog")) - pressed;
    }
    return { firstRow, dialogReady, phases };
  } finally {
    await page.close();
  }
}

async function visitBaseline(context: BrowserContext, baseUrl: string): Promise<NavigationPhases> {
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/bench-baseline`, { waitUntil: "commit" });
    return await phasesOf(page, await readMark(page, "h1"));
  } finally {
    await page.close();
  }
}
