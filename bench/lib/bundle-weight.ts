// Client weight: the JavaScript a page makes the browser download, measured from the running
// production build (Next 16 no longer prints per-route sizes). For a page: fetch its HTML, take
// every <script src> under /_next/ except `nomodule` polyfills (modern browsers skip them),
// de-duplicate, fetch each file and gzip it with zlib's default level (6, what Next's built-in
// compression uses), then sum.
import zlib from "node:zlib";
import type { PageTarget } from "./targets";

export interface ScriptWeight {
  src: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface PageWeight {
  route: string;
  path: string;
  required: boolean;
  /** "measured", or why not: the page does not exist (yet) or redirected elsewhere. */
  state: "measured" | "absent" | "redirected";
  note?: string;
  scripts: ScriptWeight[];
  gzipKiB: number;
  rawKiB: number;
}

const SCRIPT_TAG = /<script\b([^>]*)>/gi;
const SRC_ATTR = /\bsrc\s*=\s*("([^"]*)"|'([^']*)')/i;
const NOMODULE_ATTR = /\bnomodule\b/i;

/** The /_next/ script URLs an HTML document references, in order, without duplicates. */
export function scriptSources(html: string, baseUrl: string): string[] {
  const seen = new Set<string>();
  for (const match of html.matchAll(SCRIPT_TAG)) {
    const attributes = match[1] ?? "";
    if (NOMODULE_ATTR.test(attributes)) continue;
    const src = SRC_ATTR.exec(attributes);
    const value = src?.[2] ?? src?.[3];
    if (!value) continue;
    const url = new URL(value.replace(/&amp;/g, "&"), baseUrl);
    if (url.origin !== new URL(baseUrl).origin || !url.pathname.startsWith("/_next/")) continue;
    seen.add(url.href);
  }
  return [...seen];
}

/** Sizes of each script, fetched once per run however many pages share it. */
export class ScriptWeigher {
  private readonly cache = new Map<string, Promise<ScriptWeight>>();

  weigh(src: string): Promise<ScriptWeight> {
    let pending = this.cache.get(src);
    if (!pending) {
      pending = (async () => {
        const response = await fetch(src, { signal: AbortSignal.timeout(15_000) });
        if (!response.ok) throw new Error(`GET ${src} answered ${response.status}`);
        const raw = Buffer.from(await response.arrayBuffer());
        return { src: new URL(src).pathname, rawBytes: raw.length, gzipBytes: zlib.gzipSync(raw).length };
      })();
      this.cache.set(src, pending);
    }
    return pending;
  }
}

async function fetchHtml(baseUrl: string, path: string, headers: Record<string, string>) {
  const response = await fetch(`${baseUrl}${path}`, { headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}

export async function weighPage(
  baseUrl: string,
  target: PageTarget,
  headers: Record<string, string>,
  weigher = new ScriptWeigher(),
): Promise<PageWeight> {
  const empty = { route: target.route, path: target.path, required: target.required ?? false, scripts: [], gzipKiB: 0, rawKiB: 0 };
  const { status, location, html } = await fetchHtml(baseUrl, target.path, headers);
  if (status === 404) return { ...empty, state: "absent", note: "404: the page does not exist in this build" };
  if (status >= 300 && status < 400) return { ...empty, state: "redirected", note: `${status} to ${location ?? "?"}` };
  if (status !== 200) throw new Error(`GET ${target.path} answered ${status}`);
  const scripts = await Promise.all(scriptSources(html, baseUrl).map((src) => weigher.weigh(src)));
  const sum = (key: "rawBytes" | "gzipBytes") => scripts.reduce((total, s) => total + s[key], 0) / 1024;
  return { ...empty, state: "measured", scripts, gzipKiB: sum("gzipBytes"), rawKiB: sum("rawBytes") };
}

/** Weighs every target, fetching each shared script only once. */
export async function weighPages(baseUrl: string, targets: PageTarget[], headers: Record<string, string>): Promise<PageWeight[]> {
  const weigher = new ScriptWeigher();
  const results: PageWeight[] = [];
  for (const target of targets) results.push(await weighPage(baseUrl, target, target.anonymous ? {} : headers, weigher));
  return results;
}
