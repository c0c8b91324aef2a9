// The console's Chinese words for what DTS shows (statuses, regions, the reset's terms) checked
// against Alibaba's own, as collected with sources in docs/reference/zh-glossary.md: an operator
// who reads 未配置 in Alibaba's console must read 未配置 here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DTS_REGIONS, regionLabel } from "@/lib/domain/regions";
import { canonicalStatus } from "@/lib/domain/status";

const ROOT = path.resolve(__dirname, "../..");
const glossary = readFileSync(path.join(ROOT, "docs/reference/zh-glossary.md"), "utf8");
const zh = JSON.parse(readFileSync(path.join(ROOT, "messages/zh-CN.json"), "utf8")) as Record<string, Record<string, string>>;

/** The rows of the markdown table under a heading, as arrays of trimmed cells. */
function tableUnder(heading: string): string[][] {
  const start = glossary.indexOf(heading);
  if (start < 0) throw new Error(`no heading ${heading} in the glossary`);
  const lines = glossary.slice(start).split("\n").slice(1);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines) {
    if (line.startsWith("|")) {
      inTable = true;
      const cells = line.split("|").slice(1, -1).map((c) => c.trim());
      if (!cells.every((c) => /^-+$/.test(c))) rows.push(cells);
    } else if (inTable) break;
  }
  return rows.slice(1); // without the header row
}

/** The glossary's first reading of a cell: "修改同步对象中 (DescribeDtsJobs) / 同步对象变更中 (Detail)" -> "修改同步对象中". */
const firstReading = (cell: string) => cell.split(" / ")[0]!.split(" (")[0]!.trim();

describe("Chinese statuses", () => {
  const rows = tableUnder("### 2.1 Task statuses").filter(([enumCell]) => /^[A-Z][A-Za-z]+/.test(enumCell!));
  it("are the API documentation's label for every status in the glossary", () => {
    expect(rows.length).toBeGreaterThanOrEqual(20);
    const compared: string[] = [];
    for (const [enumCell, zhCell] of rows) {
      const name = enumCell!.split(/[ /(]/)[0]!;
      const { status, known } = canonicalStatus(name);
      if (!known) continue;
      expect(zh.Status?.[status], status).toBe(firstReading(zhCell!));
      compared.push(status);
    }
    // Every status the console knows has a row.
    expect(compared.length).toBe(Object.keys(zh.Status!).length - 1 /* unknownSuffix */);
  });
});

describe("region names", () => {
  const rows = tableUnder("### 2.3 Regions");
  const byId = new Map(rows.map(([id, zhName, enName]) => [id!.split(" ")[0]!, { zh: firstReading(zhName!), en: enName! }]));
  it("are Alibaba's names in each language, with full-width parentheses in Chinese", () => {
    for (const region of DTS_REGIONS) {
      const documented = byId.get(region.id);
      expect(documented, region.id).toBeDefined();
      expect(regionLabel(region.id, "zh-CN"), region.id).toBe(documented!.zh.replace(/\(/g, "（").replace(/\)/g, "）"));
      expect(regionLabel(region.id, "en"), region.id).toBe(documented!.en);
    }
    expect(regionLabel("cn-hangzhou", "zh-CN")).toBe("华东1（杭州）");
    expect(regionLabel("cn-hangzhou", "en")).toBe("China (Hangzhou)");
    expect(regionLabel("xx-unknown-1", "zh-CN")).toBe("xx-unknown-1");
  });
});

describe("the reset's words", () => {
  const terms = tableUnder("### 2.2 Product and UI terms");
  const term = (en: string) => terms.find(([name]) => name === en)?.[1] ?? "";
  const allChinese = Object.values(zh).flatMap((ns) => Object.values(ns)).join("\n");
  it.each([
    ["Reset (a task) / ResetDtsJob", "重置"],
    ["Two-way synchronization", "双向同步"],
    ["Forward / Reverse", "正向"],
    ["Forward / Reverse", "反向"],
    ["Task ID", "任务ID"],
    ["Region", "地域"],
    ["Request ID", "请求ID"],
    ["Data synchronization", "数据同步"],
    ["Change tracking", "数据订阅"],
  ])("%s: the catalog uses %s, as the glossary does", (en, word) => {
    expect(term(en)).toContain(word);
    expect(allChinese).toContain(word);
  });
});
