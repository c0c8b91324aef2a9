// The console's one way to show times, delays and numbers: every page (tasks, resets, admin)
// formats through here, in the reader's locale. Times are shown in UTC with the zone spelled out,
// in both languages: operators of different regions compare times with each other and with DTS's
// own logs, and a fixed zone also keeps server and browser renders identical. English keeps the
// ISO-like order DTS's logs use; Chinese uses the order and separators of zh-CN. Safe for the browser.
import type { Locale } from "./locale";

const DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  timeZone: "UTC",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
};

const FORMATTERS = new Map<Locale, Intl.DateTimeFormat>();
function partsOf(date: Date, locale: Locale): Record<string, string> {
  let formatter = FORMATTERS.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, DATE_TIME_OPTIONS);
    FORMATTERS.set(locale, formatter);
  }
  return Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]));
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function datePart(p: Record<string, string>, locale: Locale): string {
  return locale === "en" ? `${p.year}-${p.month}-${p.day}` : `${p.year}/${p.month}/${p.day}`;
}

/** "2024-05-01 10:22 UTC" (en), "2024/05/01 10:22 UTC" (zh-CN) */
export function formatDateTime(iso: string | null | undefined, locale: Locale = "en"): string | null {
  const date = parse(iso);
  if (!date) return null;
  const p = partsOf(date, locale);
  return `${datePart(p, locale)} ${p.hour}:${p.minute} UTC`;
}

/** "10:22:05 UTC" */
export function formatTime(iso: string | null | undefined, locale: Locale = "en"): string | null {
  const date = parse(iso);
  if (!date) return null;
  const p = partsOf(date, locale);
  return `${p.hour}:${p.minute}:${p.second} UTC`;
}

/**
 * "2026-07-01 10:22:05 UTC". Seconds, unlike the task list: an audit trail is compared with DTS's
 * own logs and two attempts a few seconds apart must read differently.
 */
export function formatInstant(iso: string | null | undefined, locale: Locale = "en"): string | null {
  const date = parse(iso);
  if (!date) return null;
  const p = partsOf(date, locale);
  return `${datePart(p, locale)} ${p.hour}:${p.minute}:${p.second} UTC`;
}

const DELAY_UNITS: Record<Locale, { h: string; min: string; s: string }> = {
  en: { h: " h", min: " min", s: " s" },
  // DTS's Chinese console writes delays as 秒 / 分钟 / 小时.
  "zh-CN": { h: " 小时", min: " 分钟", s: " 秒" },
};

/** "0 s", "42 s", "3 min 5 s", "2 h 4 min"; "42 秒", "3 分钟 5 秒", "2 小时 4 分钟" */
export function formatDelay(seconds: number | null | undefined, locale: Locale = "en"): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  const u = DELAY_UNITS[locale];
  const s = Math.round(seconds);
  if (s < 60) return `${s}${u.s}`;
  if (s < 3600) return `${Math.floor(s / 60)}${u.min}${s % 60 ? ` ${s % 60}${u.s}` : ""}`;
  const minutes = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)}${u.h}${minutes ? ` ${minutes}${u.min}` : ""}`;
}

/** A count or size, grouped as the locale groups digits: "12,345". */
export function formatNumber(value: number, locale: Locale = "en"): string {
  return new Intl.NumberFormat(locale).format(value);
}
