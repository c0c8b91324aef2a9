"use client";
import { useTranslations } from "next-intl";
import { entryOf, type MessageKey } from "@/lib/client/message-key";

/** DTS's three migration modes, keyed in lower case (DTS's case varies). */
const MODE_KEYS: Record<"structureinitialization" | "datainitialization" | "datasynchronization", MessageKey<"Console">> = {
  structureinitialization: "modeStructureInitialization",
  datainitialization: "modeDataInitialization",
  datasynchronization: "modeDataSynchronization",
};

/** DTS's three migration modes by their official names; any other key spelt out from its camelCase. */
function useModeLabel() {
  const t = useTranslations("Console");
  return (mode: string): string => {
    const key = entryOf(MODE_KEYS, mode.toLowerCase());
    return key ? t(key) : mode.replace(/([a-z])([A-Z])/g, "$1 $2");
  };
}

/**
 * A task's migration modes (the task page's detail, a reset record's snapshot) in words, "on" or
 * "off": words, not a tick or colour, carry the meaning. `emptyText` says why there are none.
 */
export function MigrationModes({ modes, emptyText }: { modes: Record<string, boolean> | null; emptyText: string }) {
  const t = useTranslations("Console");
  const modeLabel = useModeLabel();
  if (!modes || Object.keys(modes).length === 0) return <p className="text-sm text-neutral-700">{emptyText}</p>;
  return (
    <ul className="flex flex-wrap gap-1.5 text-sm">
      {Object.entries(modes).map(([mode, on]) => (
        <li key={mode} className="rounded-md border border-neutral-200 px-2 py-0.5">
          {modeLabel(mode)}
          {t("modeSeparator")}
          <strong className="font-medium">{on ? t("modeOn") : t("modeOff")}</strong>
        </li>
      ))}
    </ul>
  );
}
