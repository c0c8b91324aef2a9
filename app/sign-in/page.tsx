import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getAppMode } from "@/lib/config/env";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/auth/demo-accounts";
import { safeNextPath } from "@/lib/auth/next-path";
import { pagePrincipal } from "@/lib/auth/page-guard";
import { authDeps } from "@/lib/auth/auth-deps";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const NOTICES: Record<string, string> = {
  expired: "Your session has ended. Sign in again to continue.",
  "signed-out": "You have signed out.",
};

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const next = safeNextPath(first(raw.next));
  // Already signed in: nothing to do here.
  if (await pagePrincipal()) redirect(next);

  const mode = getAppMode();
  const { accounts } = await authDeps();
  const notice = NOTICES[first(raw.reason) ?? ""];

  return (
    <div className="mx-auto max-w-sm py-10">
      <h1 className="text-xl font-semibold text-neutral-950">Sign in</h1>
      <p className="mt-1 text-sm text-neutral-700">Sign in with your console account. Resetting a task needs the operator role.</p>
      {notice ? (
        <p role="status" className="mt-4 rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950">
          {notice}
        </p>
      ) : null}
      {accounts.ready ? null : (
        <div role="alert" className="mt-4 rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-950">
          <p className="font-semibold">No account can sign in yet.</p>
          <p className="mt-1 whitespace-pre-line">{accounts.problem}</p>
        </div>
      )}
      <SignInForm next={next} demo={mode === "simulator" ? { accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD } : null} />
    </div>
  );
}
