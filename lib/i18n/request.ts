import "server-only";
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "@/lib/domain/locale";
import { messagesFor } from "./messages";

/** The locale of the request being rendered: the `locale` cookie, else Accept-Language, else English. */
export async function requestLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return negotiateLocale({ cookie: cookieStore.get(LOCALE_COOKIE)?.value, acceptLanguage: headerList.get("accept-language") });
}

// next-intl's per-request configuration (wired in next.config.js). No locale segment in the URL:
// every page renders dynamically anyway (the session is read on each request).
// A caller that names a locale (`getTranslations({ locale: "zh-CN" })`, e.g. a CSV export asked for
// in Chinese) gets that one, whatever the reader's own.
export default getRequestConfig(async ({ locale: asked }) => {
  const locale = isLocale(asked) ? asked : await requestLocale();
  return {
    locale,
    messages: await messagesFor(locale),
    // Every time the console shows is in UTC and says so: operators in different places compare
    // times with each other and with DTS's logs, and server and browser renders stay identical.
    timeZone: "UTC",
  };
});
