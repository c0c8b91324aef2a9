import { getLocale, getTranslations } from "next-intl/server";
import { LOCALE_NAMES, LOCALES } from "@/lib/domain/locale";
import { cn } from "@/components/ui/cn";
import { chooseLocale } from "./locale-action";

/**
 * English | 简体中文 in the header. A plain form posting a Server Action: it works before the page's
 * JavaScript has loaded, and each language is named in itself (with its own `lang`) so a reader of
 * either can find theirs.
 */
export async function LocaleSwitcher() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("Layout")]);
  return (
    <form action={chooseLocale} aria-label={t("language")} className="flex items-center gap-0.5 text-sm">
      {LOCALES.map((option) => {
        const current = option === locale;
        return (
          <button
            key={option}
            type="submit"
            name="locale"
            value={option}
            lang={option}
            aria-pressed={current}
            className={cn(
              "rounded-md px-2 py-1 font-medium",
              "focus-ring",
              current ? "bg-neutral-100 text-neutral-950" : "text-neutral-700 hover:text-neutral-950",
            )}
          >
            {LOCALE_NAMES[option]}
          </button>
        );
      })}
    </form>
  );
}
