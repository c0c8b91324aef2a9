import type { ReactNode } from "react";

/** A form field of the admin page: its label above the control (the control carries htmlFor's id). */
export function LabelledField({ htmlFor, label, children }: { htmlFor: string; label: ReactNode; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={htmlFor} className="block text-sm font-medium text-neutral-900">
        {label}
      </label>
      {children}
    </div>
  );
}
