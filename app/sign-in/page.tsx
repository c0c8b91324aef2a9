import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getAppMode, getConfig } from "@/lib/config/env";
import { oidcStatus } from "@/lib/auth/oidc";
import { buttonClasses } from "@/components/ui/button";
import { DEMO_USERS, DEMO_PASSWORD } from "@/lib/auth/demo-users";
import { safeNextPath } from "@/lib/auth/next-path";
import { pagePrincipal } from "@/lib/auth/page-guard";
import { authDeps } from "@/lib/auth/auth-deps";
import { readParam, type PageSearchParams } from "@/lib/client/url-state";
import { overviewHref } from "@/lib/client/hrefs";
import { SignInForm } from "./sign-in-form";
import { Notice } from "@/components/ui/notice";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("SignIn");
  return { title: t("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: PageSearchParams }) {
  const raw = await searchParams;
  // An explicit `next` (the page that sent the visitor here) wins; without one, the overview of
  // every account and region is where a day starts (issue 21).
  const rawNext = readParam(raw, "next");
  const next = rawNext ? safeNextPath(rawNext) : overviewHref();
  // Already signed in: nothing to do here.
  if (await pagePrincipal()) redirect(next);

  const mode = getAppMode();
  const localSignIn = getConfig().LOCAL_SIGN_IN;
  const [{ accounts }, provider] = await Promise.all([authDeps(), oidcStatus()]);
  const [t, locale] = await Promise.all([getTranslations("SignIn"), getLocale()]);
  // Why the visitor is here (?reason=…), said in their language; any other value says nothing.
  const reason = readParam(raw, "reason");
  const notice = reason === "expired" ? t("noticeExpired") : reason === "signed-out" ? t("noticeSignedOut") : null;

  return (
    <div className="mx-auto max-w-sm py-10">
      <h1 className="text-xl font-semibold text-neutral-950">{t("title")}</h1>
      <p className="mt-1 text-sm text-neutral-700">{t("intro")}</p>
      {notice ? (
        <Notice tone="info" role="status" className="mt-4">
          {notice}
        </Notice>
      ) : null}
      {provider.configured ? (
        <div className="mt-6">
          {/* A plain link: the start route answers with a redirect to the provider. */}
          <a href={`/api/auth/oidc/start?${new URLSearchParams({ next }).toString()}`} className={buttonClasses("primary", "md", "w-full justify-center")}>
            {t("oidcButton", { name: provider.displayName })}
          </a>
          {provider.reachable ? null : (
            <Notice tone="warning" role="status" className="mt-3">
              {localSignIn === "disabled" ? t("oidcUnreachable", { name: provider.displayName }) : t("oidcUnreachableLocal", { name: provider.displayName })}
            </Notice>
          )}
          {localSignIn === "disabled" ? null : <p className="mt-6 text-sm font-medium text-neutral-800">{t("orLocal")}</p>}
        </div>
      ) : null}
      {localSignIn === "admins" ? (
        <Notice tone="info" role="status" className="mt-3">
          {t("localAdminsOnly")}
        </Notice>
      ) : null}
      {localSignIn === "disabled" ? (
        <Notice tone="info" role="status" className="mt-3">
          {t("localDisabled")}
        </Notice>
      ) : null}
      {accounts.ready || localSignIn === "disabled" || provider.configured ? null : (
        <Notice tone="danger" as="div" role="alert" className="mt-4">
          <p className="font-semibold">{t("noAccountsTitle")}</p>
          {/* The server's instructions (commands, settings) are written for the operator, in English. */}
          {locale === "en" ? null : <p className="mt-1">{t("noAccountsHelp")}</p>}
          <p className="mt-1 whitespace-pre-line">{accounts.problem}</p>
        </Notice>
      )}
      {localSignIn === "disabled" ? null : (
        <ClientMessages namespaces={["SignIn", "Errors", "Roles"]}>
          <SignInForm next={next} demo={mode === "simulator" ? { accounts: DEMO_USERS, password: DEMO_PASSWORD } : null} />
        </ClientMessages>
      )}
    </div>
  );
}
