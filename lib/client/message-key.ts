// Closed sets of codes (statuses, event types, error codes) worded in the reader's language as
// typed tables, `Record<Code, MessageKey<"Namespace">>`, rather than switch statements: the
// compiler checks that every code has a message and that every message exists in the catalog.
// A table stays in the file that calls useTranslations for its namespace, so the catalog check
// (tests/unit/i18n-catalogs.test.ts) sees each key read.
import type { Messages } from "next-intl";

/** A key of one namespace of the catalog (messages/en.json), as `t` of useTranslations(namespace) takes it. */
export type MessageKey<Namespace extends keyof Messages> = Extract<keyof Messages[Namespace], string>;

/** The table's entry for a value that may be outside its codes (one a newer server sends): undefined then. */
export function entryOf<Code extends string, Entry>(table: Record<Code, Entry>, value: unknown): Entry | undefined {
  return typeof value === "string" && Object.hasOwn(table, value) ? table[value as Code] : undefined;
}
