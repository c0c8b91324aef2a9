import type { ReactNode } from "react";

/** A titled part of a page: a level-2 heading over its content, the section named by its heading. */
export function PageSection({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold text-neutral-950">
        {title}
      </h2>
      {children}
    </section>
  );
}
