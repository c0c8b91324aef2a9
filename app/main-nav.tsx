"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const LINKS = [
  { href: "/jobs", label: "Tasks" },
  { href: "/resets", label: "Reset history" },
];
const ADMIN_LINK = { href: "/admin/users", label: "Users" };

/** The header's navigation; marks the current section with aria-current. Admins also get Users. */
export function MainNav({ showAdmin = false }: { showAdmin?: boolean }) {
  const pathname = usePathname();
  const links = showAdmin ? [...LINKS, ADMIN_LINK] : LINKS;
  return (
    <nav aria-label="Main">
      <ul className="flex gap-1">
        {links.map((link) => {
          const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "rounded-md px-2.5 py-1.5 text-sm font-medium",
                  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
                  current ? "bg-neutral-100 text-neutral-950" : "text-neutral-700 hover:text-neutral-950",
                )}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
