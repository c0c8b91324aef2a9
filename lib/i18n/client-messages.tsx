import "server-only";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { pickNamespaces, type Namespace } from "./messages";

/** What every client component may read: shared words and the header's own. */
const ALWAYS: readonly Namespace[] = ["Common", "Layout"];

/**
 * Gives the client components below it the messages of these namespaces, and only those: a
 * provider without a list would serialise the whole catalog into every page (next-intl's default).
 * A nested provider replaces its parent's messages, so the shared namespaces come along.
 */
export async function ClientMessages({ namespaces, children }: { namespaces: readonly Namespace[]; children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  return (
    <NextIntlClientProvider locale={locale} messages={pickNamespaces(messages, [...ALWAYS, ...namespaces])}>
      {children}
    </NextIntlClientProvider>
  );
}
