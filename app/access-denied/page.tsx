import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { safeNextPath } from "@/lib/auth/next-path";
import { requirePageRole } from "@/lib/auth/page-guard";
import { isRole, type Role } from "@/lib/domain/roles";
import { readParam, type PageSearchParams } from "@/lib/client/url-state";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Pages");
  return { title: t("accessDeniedTitle") };
}

/** Where a page sends a signed-in user whose role is too small for it. */
export default async function AccessDeniedPage({ searchParams }: { searchParams: PageSearchParams }) {
  const principal = await requirePageRole("viewer");
  const raw = await searchParams;
  const needed = readParam(raw, "need");
  const required = isRole(needed) ? needed : "admin";
  const from = safeNextPath(readParam(raw, "from"));
  const [t, roles] = await Promise.all([getTranslations("Pages"), getTranslations("Roles")]);
  // What each role can do (lib/domain/roles.ts ROLE_GRANTS, in the reader's language).
  const grants: Record<Role, string> = { viewer: t("grantViewer"), operator: t("grantOperator"), admin: t("grantAdmin") };

  return (
    <div className="mx-auto max-w-xl py-16">
      <h1 className="text-xl font-semibold text-neutral-950">{t("accessDeniedTitle")}</h1>
      <p className="mt-2 text-sm text-neutral-800">{t("roleDenied", { role: roles(principal.role), grant: grants[required] })}</p>
      <p className="mt-2 text-sm text-neutral-700">
        {t.rich("accessDeniedBody", {
          page: from,
          required: roles(required),
          grant: grants[required],
          username: principal.username,
          code: (chunks) => <code className="font-mono text-xs">{chunks}</code>,
          strong: (chunks) => <strong className="font-semibold">{chunks}</strong>,
        })}
      </p>
      <Link href="/jobs" className={buttonClasses("secondary", "md", "mt-5")}>
        {t("goToTaskList")}
      </Link>
    </div>
  );
}
