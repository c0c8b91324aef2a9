import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { headerPrincipal } from "@/lib/auth/page-guard";
import { getAppMode } from "@/lib/config/env";
import { LocaleSwitcher } from "./locale-switcher";
import { MainNav } from "./main-nav";
import { Providers } from "./providers";
import { UserMenu } from "./user-menu";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Layout");
  return {
    title: { default: t("appName"), template: `%s · ${t("appName")}` },
    description: t("description"),
  };
}

// The mode banner depends on the environment at run time, not at build time.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const mode = getAppMode();
  // Who is signed in, for the header only: every page checks the role itself (lib/auth/page-guard.ts).
  const [principal, locale, t] = await Promise.all([headerPrincipal(), getLocale(), getTranslations("Layout")]);
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        {/* The header's, the error page's and the toasts' (Console) words; each page gives its own client components theirs. */}
        <ClientMessages namespaces={["Roles", "Pages", "Console"]}>
          <a
            href="#main"
            className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-neutral-950 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:outline-2 focus:outline-blue-600"
          >
            {t("skipToMain")}
          </a>
          {mode === "simulator" ? (
            // A named region, not role="status": the banner never changes, so it is a place to
            // find (a landmark), not an announcement.
            <section
              aria-label={t("modeRegion")}
              className="border-b border-amber-300 bg-amber-50 px-4 py-1.5 text-center text-sm text-amber-950"
            >
              <strong className="font-semibold">{t("simulatorModeTitle")}</strong> {t("simulatorModeBody")}
            </section>
          ) : null}
          <header className="border-b border-neutral-200 bg-white">
            <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5">
              <Link
                href="/overview"
                className="text-sm font-semibold tracking-tight text-neutral-950 focus-ring"
              >
                {t("appName")}
              </Link>
              <MainNav showAdmin={principal?.role === "admin"} reviewer={principal?.role === "admin" || principal?.role === "operator"} />
              <UserMenu user={principal ? { username: principal.username, role: principal.role } : null} />
              <LocaleSwitcher />
            </div>
          </header>
          <Providers>
            <main id="main" tabIndex={-1} className="mx-auto max-w-screen-2xl px-4 py-5 focus:outline-none">
              {children}
            </main>
          </Providers>
        </ClientMessages>
      </body>
    </html>
  );
}
