"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Button, buttonClasses } from "@/components/ui/button";

/**
 * Catches rendering errors below the layout, so the header and the mode banner stay visible. Its
 * words ("Pages") come from the root layout's ClientMessages.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("Pages");
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div role="alert" className="mx-auto max-w-xl py-16">
      <h1 className="text-xl font-semibold text-neutral-950">{t("errorTitle")}</h1>
      <p className="mt-2 text-sm text-neutral-700">{t("errorBody")}</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-neutral-700">{t("errorReference", { digest: error.digest })}</p> : null}
      <div className="mt-5 flex gap-2">
        <Button onClick={reset}>{t("tryAgain")}</Button>
        <Link href="/jobs" className={buttonClasses("secondary")}>
          {t("goToTaskList")}
        </Link>
      </div>
    </div>
  );
}
