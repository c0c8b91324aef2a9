import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getAppMode } from "@/lib/config/env";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/auth/demo-accounts";
import { safeNextPath } from "@/lib/auth/next-path";
import { pagePrincipal } from "@/lib/auth/page-guard";
import { authDeps } from "@/lib/auth/auth-deps";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("SignIn");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const next = safeNextPath(first(raw.next));
  // Already signed in: nothing to do here.
  if (await pagePrincipal()) redirect(next);

  const mode = getAppMode();
  const { accounts } = await authDeps();
  const [t, locale] = await Promise.all([getTranslations("SignIn"), getLocale()]);
  // Why the visitor is here (?reason=…), said in their language; any other value says nothing.
  const reason = first(raw.reason);
  const notice = reason === "expired" ? t("noticeExpired") : reason === "signed-out" ? t("noticeSignedOut") : null;

  return (
    <div className="mx-auto max-w-sm py-10">
      <h1 className="text-xl font-semibold text-neutral-950">{t("title")}</h1>
      <p className="mt-1 text-sm text-neutral-700">{t("intro")}</p>
      {notice ? (
        <p role="status" className="mt-4 rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-950">
          {notice}
        </p>
      ) : null}
      {accounts.ready ? null : (
        <div role="alert" className="mt-4 rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-950">
          <p className="font-semibold">{t("noAccountsTitle")}</p>
          {/* The server's instructions (commands, settings) are written for the operator, in English. */}
          {locale === "en" ? null : <p className="mt-1">{t("noAccountsHelp")}</p>}
          <p className="mt-1 whitespace-pre-line">{accounts.problem}</p>
        </div>
      )}
      <ClientMessages namespaces={["SignIn", "Errors", "Roles"]}>
        <SignInForm next={next} demo={mode === "simulator" ? { accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD } : null} />
      </ClientMessages>
    </div>
  );
}
