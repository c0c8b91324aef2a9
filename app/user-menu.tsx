"use client";
// The header's account corner: who is signed in, with which role, and the sign-out button.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import type { Role } from "@/lib/domain/roles";
import { fetchJson } from "@/lib/client/fetch-json";

export function UserMenu({ user }: { user: { username: string; role: Role } | null }) {
  const t = useTranslations("Layout");
  const roles = useTranslations("Roles");
  const [pending, setPending] = useState(false);
  const pathname = usePathname();

  if (!user) {
    // The sign-in page is the form itself.
    if (pathname === "/sign-in") return null;
    return (
      <Link href="/sign-in" className={buttonClasses("secondary", "sm", "ml-auto")}>
        {t("signIn")}
      </Link>
    );
  }

  async function signOut() {
    setPending(true);
    let destination = "/sign-in?reason=signed-out";
    try {
      const answer = await fetchJson<{ redirectTo?: string }>("/api/auth/sign-out", { method: "POST" });
      // A session from the identity provider ends there too (RP-initiated logout), which sends the
      // browser back to /sign-in. Only an absolute http(s) address is followed.
      if (answer?.redirectTo && /^https?:\/\//.test(answer.redirectTo)) destination = answer.redirectTo;
    } catch {
      // Ignored: see below.
    } finally {
      // Whatever the answer, leave: the cookie is dropped by the response or already useless. A full
      // load, not a client navigation, so nothing cached for the signed-out user survives in this tab.
      window.location.assign(destination);
    }
  }

  return (
    <div className="ml-auto flex items-center gap-2 text-sm text-neutral-800">
      <span>
        {t.rich("signedInAs", {
          username: user.username,
          strong: (chunks) => <strong className="font-semibold text-neutral-950">{chunks}</strong>,
        })}
      </span>
      <Badge tone="slate" aria-label={t("roleLabel", { role: roles(user.role) })}>
        {roles(user.role)}
      </Badge>
      <Button variant="secondary" size="sm" onClick={signOut} aria-disabled={pending || undefined}>
        {pending ? t("signingOut") : t("signOut")}
      </Button>
    </div>
  );
}
