// `npx tsx bench/rerender.ts [bench/results/latest.json]`: renders a report's Markdown (and its
// goals) again from its JSON, after a change to bench/lib/report.ts, without measuring again.
// Writes next to the JSON: <name>.md, and <name>.json with the goals recomputed.
import fs from "node:fs";
import path from "node:path";
import { goalsOf, renderMarkdown, type Report } from "./lib/report";

const file = process.argv[2] ?? path.join("bench", "results", "latest.json");
const measured = JSON.parse(fs.readFileSync(file, "utf8")) as Report;
const report: Report = { ...measured, goals: goalsOf(measured) };
fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
fs.writeFileSync(file.replace(/\.json$/, ".md"), `${renderMarkdown(report)}\n`);
console.log(`rendered ${file.replace(/\.json$/, ".md")}`);
