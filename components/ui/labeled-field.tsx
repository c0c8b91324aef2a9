import type { ReactNode } from "react";

/** The small label above a toolbar's control (the list pages' filters and search). */
export const FIELD_LABEL = "block text-xs font-medium text-neutral-800";

/** A toolbar's control under its label; the control carries `id`, which the label names. */
export function LabeledField({ id, label, children }: { id: string; label: ReactNode; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className={FIELD_LABEL}>
        {label}
      </label>
      {children}
    </div>
  );
}
