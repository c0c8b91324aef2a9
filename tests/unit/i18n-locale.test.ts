// How a request picks its language, and how times, delays and numbers read in each.
import { describe, expect, it } from "vitest";
import { formatDateTime, formatDelay, formatInstant, formatNumber, formatTime } from "@/lib/domain/format";
import { acceptedLanguages, negotiateLocale } from "@/lib/domain/locale";

describe("negotiateLocale", () => {
  it("follows the cookie when it names a locale of the console", () => {
    expect(negotiateLocale({ cookie: "zh-CN", acceptLanguage: "en-US,en;q=0.9" })).toBe("zh-CN");
    expect(negotiateLocale({ cookie: "en", acceptLanguage: "zh-CN,zh;q=0.9" })).toBe("en");
  });

  it("ignores a cookie it does not know and falls back to Accept-Language", () => {
    expect(negotiateLocale({ cookie: "fr", acceptLanguage: "zh-CN" })).toBe("zh-CN");
    expect(negotiateLocale({ cookie: "zh", acceptLanguage: "en" })).toBe("en");
    expect(negotiateLocale({ cookie: "", acceptLanguage: "zh" })).toBe("zh-CN");
  });

  it("takes the browser's most preferred language the console speaks", () => {
    expect(negotiateLocale({ acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8" })).toBe("zh-CN");
    expect(negotiateLocale({ acceptLanguage: "zh-Hans-CN" })).toBe("zh-CN");
    expect(negotiateLocale({ acceptLanguage: "zh-SG,en;q=0.5" })).toBe("zh-CN");
    expect(negotiateLocale({ acceptLanguage: "fr-FR,fr;q=0.9,zh;q=0.8,en;q=0.7" })).toBe("zh-CN");
    expect(negotiateLocale({ acceptLanguage: "fr-FR,en-GB;q=0.9,zh;q=0.8" })).toBe("en");
    // q-values, not order, decide.
    expect(negotiateLocale({ acceptLanguage: "en;q=0.5,zh-CN;q=0.9" })).toBe("zh-CN");
  });

  it("does not answer Traditional Chinese with Simplified", () => {
    expect(negotiateLocale({ acceptLanguage: "zh-TW" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "zh-Hant-HK,zh-CN;q=0.5" })).toBe("zh-CN");
  });

  it("falls back to English without a usable header, and refuses q=0", () => {
    expect(negotiateLocale({})).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "*" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "de-DE" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: "zh;q=0, en;q=0.1" })).toBe("en");
    expect(negotiateLocale({ acceptLanguage: ";;,q=,zh;q=abc" })).toBe("en");
  });

  it("orders Accept-Language by quality, keeping ties in the order given", () => {
    expect(acceptedLanguages("a;q=0.5, b, c;q=0.5, d;q=1.0")).toEqual(["b", "d", "a", "c"]);
  });
});

describe("formatters", () => {
  const iso = "2026-07-01T10:22:05.123Z";
  it("show UTC times, saying so, in each locale's order", () => {
    expect(formatDateTime(iso, "en")).toBe("2026-07-01 10:22 UTC");
    expect(formatDateTime(iso, "zh-CN")).toBe("2026/07/01 10:22 UTC");
    expect(formatInstant(iso, "en")).toBe("2026-07-01 10:22:05 UTC");
    expect(formatInstant(iso, "zh-CN")).toBe("2026/07/01 10:22:05 UTC");
    expect(formatTime(iso, "zh-CN")).toBe("10:22:05 UTC");
    // Midnight is 00, not 24, in both.
    expect(formatInstant("2026-07-01T00:00:00Z", "zh-CN")).toBe("2026/07/01 00:00:00 UTC");
    expect(formatInstant("not a date", "zh-CN")).toBeNull();
  });

  it("write delays with each language's units", () => {
    expect(formatDelay(42, "en")).toBe("42 s");
    expect(formatDelay(185, "en")).toBe("3 min 5 s");
    expect(formatDelay(7440, "en")).toBe("2 h 4 min");
    expect(formatDelay(42, "zh-CN")).toBe("42 秒");
    expect(formatDelay(185, "zh-CN")).toBe("3 分钟 5 秒");
    expect(formatDelay(7440, "zh-CN")).toBe("2 小时 4 分钟");
    expect(formatDelay(-1, "zh-CN")).toBeNull();
  });

  it("group digits as the locale does", () => {
    expect(formatNumber(12345, "en")).toBe("12,345");
    expect(formatNumber(12345, "zh-CN")).toBe("12,345");
  });
});
