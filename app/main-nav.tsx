"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";

const APPROVALS_LINK = { href: "/approvals", label: "navApprovals" } as const;
const PENDING_REFRESH_MS = 30_000;

/** How many reset requests wait for a reviewer: read on each navigation and every 30 s. */
function usePendingCount(enabled: boolean, pathname: string): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const read = () =>
      fetch("/api/reset-requests?status=pending", { headers: { accept: "application/json" } })
        .then((r) => (r.ok ? (r.json() as Promise<{ pendingCount: number }>) : null))
        .then((body) => live && body && setCount(body.pendingCount))
        .catch(() => undefined);
    void read();
    const timer = setInterval(read, PENDING_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [enabled, pathname]);
  return enabled ? count : null;
}

const LINKS = [
  { href: "/overview", label: "navOverview" },
  { href: "/jobs", label: "navTasks" },
  { href: "/resets", label: "navResets" },
  { href: "/bulk-resets", label: "navBulkResets" },
] as const;
const ADMIN_LINKS = [
  { href: "/admin/users", label: "navUsers" },
  { href: "/admin/notifications", label: "navNotifications" },
] as const;

/**
 * The header's navigation; marks the current section with aria-current. Admins also get Users and Notifications;
 * reviewers (operators and admins) see how many reset requests wait on Approvals.
 */
export function MainNav({ showAdmin = false, reviewer = false }: { showAdmin?: boolean; reviewer?: boolean }) {
  const t = useTranslations("Layout");
  const pathname = usePathname();
  const pending = usePendingCount(reviewer, pathname);
  const links = [...LINKS, APPROVALS_LINK, ...(showAdmin ? ADMIN_LINKS : [])];
  return (
    <nav aria-label={t("mainNav")}>
      <ul className="flex flex-wrap gap-1">
        {links.map((link) => {
          const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "rounded-md px-2.5 py-1.5 text-sm font-medium",
                  "focus-ring",
                  current ? "bg-neutral-100 text-neutral-950" : "text-neutral-700 hover:text-neutral-950",
                )}
              >
                {t(link.label)}
                {link === APPROVALS_LINK && pending ? (
                  <span className="ml-1 rounded-full bg-amber-200 px-1.5 text-xs font-semibold text-amber-950">
                    {pending}
                    <span className="sr-only"> {t("pendingCount")}</span>
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
