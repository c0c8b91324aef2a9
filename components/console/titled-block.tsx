import type { ReactNode } from "react";

/** A titled part of a page section (a heading over its content), on the task and reset record pages. */
export function TitledBlock({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <h3 className="mb-1 text-sm font-semibold text-neutral-900">{title}</h3>
      {children}
    </div>
  );
}
