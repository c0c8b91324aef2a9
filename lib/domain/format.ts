// The console's one way to show times, delays and DTS statuses: every page (tasks, resets,
// admin) formats through here. Dates are shown in UTC with the zone spelled out: operators of
// different regions compare times with each other and with DTS's own logs, and a fixed zone also
// keeps server and browser renders identical. Safe for the browser.

const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2024-05-01 10:22 UTC" */
export function formatDateTime(iso: string | null | undefined): string | null {
  const date = parse(iso);
  if (!date) return null;
  const parts = Object.fromEntries(DATE_TIME.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} UTC`;
}

/** "10:22:05 UTC" */
export function formatTime(iso: string | null | undefined): string | null {
  const date = parse(iso);
  return date ? `${TIME.format(date)} UTC` : null;
}

/**
 * "2026-07-01 10:22:05 UTC". Seconds, unlike the task list: an audit trail is compared with DTS's
 * own logs and two attempts a few seconds apart must read differently.
 */
export function formatInstant(iso: string | null | undefined): string | null {
  const dateTime = formatDateTime(iso);
  const time = formatTime(iso);
  return dateTime && time ? `${dateTime.slice(0, 10)} ${time}` : null;
}

/** "0 s", "42 s", "3 min 5 s", "2 h 4 min" */
export function formatDelay(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
  const minutes = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ""}`;
}

/** DTS's enum names, made readable: "NotConfigured" -> "Not Configured", as the DTS console writes it. */
export function humanizeStatus(status: string): string {
  return status.replace(/PreCheck/g, "Precheck").replace(/([a-z])([A-Z])/g, "$1 $2");
}
