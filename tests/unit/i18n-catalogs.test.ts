// The message catalogs (messages/*.json) checked as CI checks them: every key in both languages,
// the same placeholders and tags in both, every message valid ICU, no key the code never reads,
// no English left in the Chinese catalog, and the namespaces the code indexes by a domain value
// (statuses, error codes, roles) holding exactly the domain's values.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { DOMAIN_ERROR_CODES } from "@/lib/domain/errors";
import { LOCALES } from "@/lib/domain/locale";
import { REMARK_ENGLISH } from "@/lib/domain/reconfigure-remarks";
import { ROLES } from "@/lib/domain/roles";
import { MIGRATION_STATUSES, SUBSCRIBE_STATUSES, SYNC_STATUSES } from "@/lib/domain/status";

const ROOT = path.resolve(__dirname, "../..");
type Catalog = Record<string, unknown>;

function readCatalog(locale: string): Catalog {
  return JSON.parse(readFileSync(path.join(ROOT, "messages", `${locale}.json`), "utf8")) as Catalog;
}

/** "Ns.key" -> message, for every leaf. */
function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const id = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(id, value);
    else if (value && typeof value === "object") for (const [k, v] of flatten(value as Catalog, id)) out.set(k, v);
    else throw new Error(`${id} is neither a message nor a namespace`);
  }
  return out;
}

/** The words a reader sees in a message: its literal text, inside plural branches and tags too. */
function literalText(message: string): string {
  const out: string[] = [];
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.literal) out.push(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) walk(option.value);
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(parse(message));
  return out.join(" ");
}

/** The arguments and tags a message uses: both languages must use the same ones. */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) found.add(`{${el.value}}`);
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        found.add(`{${el.value}, ${el.type === TYPE.plural ? "plural" : "select"}}`);
        for (const option of Object.values(el.options)) walk(option.value);
      }
      if (el.type === TYPE.tag) {
        found.add(`<${el.value}>`);
        walk(el.children);
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

const catalogs = Object.fromEntries(LOCALES.map((locale) => [locale, flatten(readCatalog(locale))]));
const en = catalogs.en!;
const zh = catalogs["zh-CN"]!;

describe("message catalogs", () => {
  it("hold the same keys in every language", () => {
    for (const locale of LOCALES) {
      const keys = catalogs[locale]!;
      expect([...en.keys()].filter((k) => !keys.has(k)), `missing in ${locale}`).toEqual([]);
      expect([...keys.keys()].filter((k) => !en.has(k)), `only in ${locale}`).toEqual([]);
    }
  });

  it("have no empty message", () => {
    for (const locale of LOCALES) {
      const empty = [...catalogs[locale]!].filter(([, v]) => v.trim() === "").map(([k]) => k);
      expect(empty, locale).toEqual([]);
    }
  });

  it("are valid ICU and use the same placeholders and tags in both languages", () => {
    const mismatches: string[] = [];
    for (const [key, english] of en) {
      const chinese = zh.get(key);
      if (chinese === undefined) continue;
      const a = placeholders(english).join(" ");
      const b = placeholders(chinese).join(" ");
      if (a !== b) mismatches.push(`${key}: en [${a}] zh-CN [${b}]`);
    }
    expect(mismatches).toEqual([]);
  });

  it("leave no English words in the Chinese catalog, beyond names and terms Alibaba's Chinese console keeps in Latin letters", () => {
    // Product names, API names and abbreviations that Alibaba's Chinese documentation writes in
    // Latin letters too (重置DTS任务, 请求ID, ConfigureDtsJob, RAM, …).
    const KEPT = new Set([
      "DTS", "ID", "IDs", "API", "RAM", "UTC", "CSV", "JSON", "HTTP", "RequestId", "ResetDtsJob", "ConfigureDtsJob",
      "StartDtsJob", "DescribeDtsJobs", "DescribeDtsJobDetail", "DescribePreCheckStatus", "MySQL", "PolarDB", "Kafka",
      "PostgreSQL", "Redis", "MongoDB", "SQL", "DDL", "DML", "RDS", "ECS", "VPC", "IP", "URL", "SHA", "Bearer", "Authorization",
      "Token", "Reserve", "Reserved", "Retry", "After", "users", "npm", "demo", "admin", "operator", "viewer", "Forward", "Reverse",
      "Enter", "Esc", "Tab", "Alibaba", "Cloud", "JobId", "InstanceId", "DbList", "ErrCode", "Checkpoint", "Serverless",
      // Notification channels (issue 24): a product and a term the platforms' Chinese pages write in Latin letters.
      "Slack", "Webhook",
    ]);
    const leftovers: string[] = [];
    for (const [key, message] of zh) {
      // Identifiers, settings and examples of names (RESET_APPROVAL=required, lib/i18n, nightly-report) are not words.
      const text = literalText(message).replace(/[A-Za-z0-9]+(?:[-_=/.][A-Za-z0-9]+)+/g, " ");
      const words = text.match(/[A-Za-z][A-Za-z-]{2,}/g) ?? [];
      // API names (maxRetryTime, DbList) are names, in both languages.
      const foreign = words.filter((w) => !KEPT.has(w) && !/[a-z][A-Z]|^[A-Z][A-Za-z]*[A-Z]/.test(w));
      if (foreign.length) leftovers.push(`${key}: ${foreign.join(", ")} — ${message}`);
    }
    expect(leftovers).toEqual([]);
  });
});

/** Namespaces read with a key taken from a domain value: their keys are that value list, exactly. */
const INDEXED_NAMESPACES: Record<string, readonly string[]> = {
  Status: [...new Set<string>([...SYNC_STATUSES, ...SUBSCRIBE_STATUSES, ...MIGRATION_STATUSES]), "unknownSuffix"],
  Errors: [...DOMAIN_ERROR_CODES, "network_error", "unknown_code"],
  Roles: [...ROLES],
  ReconfigureRemarks: Object.keys(REMARK_ENGLISH),
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" || name.startsWith(".") ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

describe("message keys and the code", () => {
  const files = ["app", "components", "lib"].flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
  /** Namespace -> the string literals of the files that read it. */
  const literalsByNamespace = new Map<string, Set<string>>();
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    const namespaces = new Set<string>();
    for (const m of source.matchAll(/(?:useTranslations|getTranslations)\(\s*["'`]([A-Za-z]+)["'`]/g)) namespaces.add(m[1]!);
    for (const m of source.matchAll(/namespace:\s*["'`]([A-Za-z]+)["'`]/g)) namespaces.add(m[1]!);
    if (!namespaces.size) continue;
    const literals = new Set([...source.matchAll(/["'`]([A-Za-z0-9_.]+)["'`]/g)].map((m) => m[1]!));
    for (const ns of namespaces) {
      const set = literalsByNamespace.get(ns) ?? new Set<string>();
      for (const literal of literals) set.add(literal);
      literalsByNamespace.set(ns, set);
    }
  }

  it("read every namespace of the catalog somewhere", () => {
    const namespaces = [...new Set([...en.keys()].map((k) => k.split(".")[0]!))];
    expect(namespaces.filter((ns) => !literalsByNamespace.has(ns))).toEqual([]);
  });

  it("read every key, written as a literal where its namespace is read (no unused keys)", () => {
    const unused = [...en.keys()].filter((id) => {
      const [ns, ...rest] = id.split(".");
      if (INDEXED_NAMESPACES[ns!]) return false;
      return !literalsByNamespace.get(ns!)?.has(rest.join("."));
    });
    expect(unused).toEqual([]);
  });

  it("index statuses, error codes and roles by exactly the domain's values", () => {
    for (const [ns, values] of Object.entries(INDEXED_NAMESPACES)) {
      const keys = [...en.keys()].filter((k) => k.startsWith(`${ns}.`)).map((k) => k.slice(ns.length + 1));
      expect(keys.sort(), ns).toEqual([...values].sort());
    }
  });
});
