// The client-weight budget: bench/budget.json maps a route to its limit in KiB of gzipped
// JavaScript. Shared by `npm run bench` (reported) and `npm run check:budget` (enforced).
import fs from "node:fs";
import path from "node:path";
import type { PageWeight } from "./bundle-weight";

export const BUDGET_FILE = path.join(process.cwd(), "bench", "budget.json");

export type Budget = Record<string, number>;

export function readBudget(file = BUDGET_FILE): Budget {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error(`${file} must be a JSON object`);
  const budget: Budget = {};
  for (const [route, limit] of Object.entries(parsed)) {
    if (route.startsWith("$")) continue; // "$comment" and the like
    if (typeof limit !== "number" || !(limit > 0)) throw new Error(`${file}: the limit of ${route} must be a positive number of KiB`);
    budget[route] = limit;
  }
  return budget;
}

export interface BudgetLine {
  route: string;
  path: string;
  gzipKiB: number | null;
  limitKiB: number | null;
  /** "ok", "over", "absent" (not in this build, or redirected elsewhere), or "no budget". */
  verdict: "ok" | "over" | "absent" | "no budget";
  /** A required page that is absent: the check fails. */
  missingRequired: boolean;
  note?: string;
}

export function checkBudget(weights: PageWeight[], budget: Budget): BudgetLine[] {
  return weights.map((w) => {
    const limit = budget[w.route] ?? null;
    const base = { route: w.route, path: w.path, limitKiB: limit, missingRequired: false };
    if (w.state !== "measured") return { ...base, gzipKiB: null, verdict: "absent", note: w.note, missingRequired: w.required };
    if (limit === null) return { ...base, gzipKiB: w.gzipKiB, verdict: "no budget" };
    return { ...base, gzipKiB: w.gzipKiB, verdict: w.gzipKiB > limit ? "over" : "ok" };
  });
}

/** A plain-text table for the terminal. */
/** True when the check passes: nothing over budget and no required page missing. */
export function budgetPasses(lines: BudgetLine[]): boolean {
  return lines.every((l) => l.verdict !== "over" && !l.missingRequired);
}

export function budgetTable(lines: BudgetLine[]): string {
  const rows = [
    ["page", "gzip KiB", "budget KiB", "verdict"],
    ...lines.map((l) => [
      l.route,
      l.gzipKiB === null ? "–" : l.gzipKiB.toFixed(1),
      l.limitKiB === null ? "–" : String(l.limitKiB),
      l.verdict + (l.note ? ` (${l.note})` : ""),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")).join("\n");
}
