"use client";
// The header's account corner: who is signed in, with which role, and the sign-out button.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import type { Role } from "@/lib/domain/roles";
import { fetchJson } from "@/lib/client/fetch-json";

export function UserMenu({ user }: { user: { username: string; role: Role } | null }) {
  const [pending, setPending] = useState(false);
  const pathname = usePathname();

  if (!user) {
    // The sign-in page is the form itself.
    if (pathname === "/sign-in") return null;
    return (
      <Link href="/sign-in" className={buttonClasses("secondary", "sm", "ml-auto")}>
        Sign in
      </Link>
    );
  }

  async function signOut() {
    setPending(true);
    try {
      await fetchJson<unknown>("/api/auth/sign-out", { method: "POST" });
    } catch {
      // Ignored: see below.
    } finally {
      // Whatever the answer, leave: the cookie is dropped by the response or already useless. A full
      // load, not a client navigation, so nothing cached for the signed-out user survives in this tab.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- see above
      window.location.assign("/sign-in?reason=signed-out");
    }
  }

  return (
    <div className="ml-auto flex items-center gap-2 text-sm text-neutral-800">
      <span>
        Signed in as <strong className="font-semibold text-neutral-950">{user.username}</strong>
      </span>
      <Badge tone="slate" aria-label={`Role: ${user.role}`}>
        {user.role}
      </Badge>
      <Button variant="secondary" size="sm" onClick={signOut} aria-disabled={pending || undefined}>
        {pending ? "Signing out…" : "Sign out"}
      </Button>
    </div>
  );
}
