// next-intl's type augmentation: message keys and the locale are checked by the compiler.
import type en from "./messages/en.json";
import type { Locale } from "./lib/domain/locale";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
