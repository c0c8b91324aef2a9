import "server-only";
import type { Locale } from "@/lib/domain/locale";

// The catalogs, loaded through next-intl's catalog loader (next.config.js), which compiles each
// ICU message at build time: the browser gets a sub-kilobyte formatter instead of a parser.
const CATALOGS: Record<Locale, () => Promise<{ default: Messages }>> = {
  en: () => import("../../messages/en.json"),
  "zh-CN": () => import("../../messages/zh-CN.json"),
};

export type Messages = Record<string, unknown>;
export type Namespace = keyof typeof import("../../messages/en.json");

export async function messagesFor(locale: Locale): Promise<Messages> {
  return (await CATALOGS[locale]()).default;
}

/** Only the namespaces a page's client components read: the rest never reaches the browser. */
export function pickNamespaces(messages: Messages, namespaces: readonly Namespace[]): Messages {
  return Object.fromEntries(namespaces.filter((ns) => ns in messages).map((ns) => [ns, messages[ns]]));
}
