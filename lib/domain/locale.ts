// The console's two interface languages and how a request picks one. Safe for the browser: the
// switcher reads the same list. The locale never appears in a URL: it comes from the `locale`
// cookie (set by the header's switcher), else from the browser's Accept-Language, else English.

export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "locale";
/** A year: the choice is a preference, not a session. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** Each language named in itself, as a switcher shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * Which of our locales a language tag asks for, or null. Any English is English; Chinese is
 * Simplified Chinese unless the tag says Traditional (zh-Hant, or the Taiwan, Hong Kong and Macao
 * regions, whose readers are better served by English than by a script they did not ask for).
 */
function localeOfTag(tag: string): Locale | null {
  const parts = tag.trim().toLowerCase().split(/[-_]/);
  if (parts[0] === "en") return "en";
  if (parts[0] !== "zh") return null;
  const rest = parts.slice(1);
  if (rest.includes("hans")) return "zh-CN";
  if (rest.includes("hant") || rest.some((p) => p === "tw" || p === "hk" || p === "mo")) return null;
  return "zh-CN";
}

/**
 * The languages of an Accept-Language header in the order the browser prefers them (RFC 9110
 * §12.5.4: by q-value, ties in the order given; q=0 means "not this").
 */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((entry, index) => {
      const [tag = "", ...params] = entry.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}

/** The locale of a request: the cookie when it names one of ours, else Accept-Language, else English. */
export function negotiateLocale({ cookie, acceptLanguage }: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(cookie)) return cookie;
  for (const tag of acceptedLanguages(acceptLanguage)) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
