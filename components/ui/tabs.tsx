import Link from "next/link";
import { cn } from "./cn";

export interface LinkTab {
  href: string;
  label: string;
  current: boolean;
}

/**
 * Tabs that are links: each one changes the URL, so the view can be shared, reloaded and
 * reached with the back button. Marked up as navigation with aria-current (not role="tablist",
 * which promises in-page panels and arrow-key behaviour that links do not have).
 */
export function LinkTabs({ label, tabs, className }: { label: string; tabs: LinkTab[]; className?: string }) {
  return (
    <nav aria-label={label} className={cn("border-b border-neutral-200", className)}>
      <ul className="-mb-px flex gap-1">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              scroll={false}
              aria-current={tab.current ? "page" : undefined}
              className={cn(
                "inline-block rounded-t-md border-b-2 px-3 py-2 text-sm font-medium",
                "focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-blue-600",
                tab.current
                  ? "border-neutral-900 text-neutral-950"
                  : "border-transparent text-neutral-700 hover:border-neutral-300 hover:text-neutral-950",
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
