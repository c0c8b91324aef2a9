import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getConfig } from "@/lib/config/env";
import { oidcSettings } from "@/lib/auth/oidc";
import { DOMAIN_ERROR_CODES, type DomainErrorCode } from "@/lib/domain/errors";
import { readParam, type PageSearchParams } from "@/lib/client/url-state";
import { Notice } from "@/components/ui/notice";
import { buttonClasses } from "@/components/ui/button";

// Where a refused sign-in through the identity provider lands (the callback's 4xx page sends the
// browser here): what happened, in the reader's language, and whom to ask. No session was started.
// Only the error code and a few printable facts come in the address; anything else says nothing.

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("SignIn");
  return { title: t("refusedTitle") };
}

function isCode(value: string | null | undefined): value is DomainErrorCode {
  return typeof value === "string" && (DOMAIN_ERROR_CODES as readonly string[]).includes(value);
}

/** A short printable fact from the address (the provider's error code, a username), or null. */
function fact(value: string | null | undefined): string | null {
  return value && /^[\x20-\x7e]{1,64}$/.test(value) ? value : null;
}

export default async function SignInRefusedPage({ searchParams }: { searchParams: PageSearchParams }) {
  const raw = await searchParams;
  const code = readParam(raw, "code");
  const detail = fact(readParam(raw, "detail"));
  const username = fact(readParam(raw, "username"));
  const [t, errors] = await Promise.all([getTranslations("SignIn"), getTranslations("Errors")]);
  const settings = oidcSettings(getConfig());
  const name = settings?.displayName ?? t("refusedProviderUnnamed");
  const groups = settings?.roleMap.map((m) => m.group) ?? [];

  return (
    <div className="mx-auto max-w-md py-10">
      <h1 className="text-xl font-semibold text-neutral-950">{t("refusedTitle")}</h1>
      <Notice tone="danger" as="div" role="alert" className="mt-4 space-y-2">
        {code === "oidc_no_role" ? (
          <>
            <p className="font-semibold">{t("refusedNoRole", { name })}</p>
            {groups.length > 0 ? (
              <>
                <p>{t("refusedNoRoleGroups", { name })}</p>
                <ul className="list-disc pl-5">
                  {groups.map((group) => (
                    <li key={group}>
                      <code className="font-mono text-xs">{group}</code>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <p>{t("refusedAskAdmins")}</p>
          </>
        ) : (
          <>
            <p className="font-semibold">{isCode(code) ? errors(code) : errors("unknown_code")}</p>
            {detail ? <p>{t("refusedProviderSaid", { detail })}</p> : null}
            {username ? <p>{t("refusedUsername", { username })}</p> : null}
          </>
        )}
      </Notice>
      <p className="mt-6">
        <Link href="/sign-in" className={buttonClasses("secondary")}>
          {t("refusedBack")}
        </Link>
      </p>
    </div>
  );
}
