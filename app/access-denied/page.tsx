import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { safeNextPath } from "@/lib/auth/next-path";
import { requirePageRole } from "@/lib/auth/page-guard";
import { isRole, roleDeniedMessage, ROLE_GRANTS } from "@/lib/domain/roles";

export const metadata: Metadata = { title: "Access denied" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Where a page sends a signed-in user whose role is too small for it. */
export default async function AccessDeniedPage({ searchParams }: { searchParams: SearchParams }) {
  const principal = await requirePageRole("viewer");
  const raw = await searchParams;
  const needed = first(raw.need);
  const required = isRole(needed) ? needed : "admin";
  const from = safeNextPath(first(raw.from));

  return (
    <div className="mx-auto max-w-xl py-16">
      <h1 className="text-xl font-semibold text-neutral-950">Access denied</h1>
      <p className="mt-2 text-sm text-neutral-800">{roleDeniedMessage(principal.role, required)}</p>
      <p className="mt-2 text-sm text-neutral-700">
        The page <code className="font-mono text-xs">{from}</code> needs the {required} role, which can {ROLE_GRANTS[required]}. You are signed
        in as <strong className="font-semibold">{principal.username}</strong>. Ask an admin if you need it.
      </p>
      <Link href="/jobs" className={buttonClasses("secondary", "md", "mt-5")}>
        Go to the task list
      </Link>
    </div>
  );
}
