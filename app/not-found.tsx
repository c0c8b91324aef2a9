import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";

export default async function NotFound() {
  const t = await getTranslations("Pages");
  return (
    <div className="mx-auto max-w-xl py-16">
      <h1 className="text-xl font-semibold text-neutral-950">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-sm text-neutral-700">{t("notFoundBody")}</p>
      <Link href="/jobs" className={buttonClasses("secondary", "md", "mt-5")}>
        {t("goToTaskList")}
      </Link>
    </div>
  );
}
