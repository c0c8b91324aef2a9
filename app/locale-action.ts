"use server";
import { cookies, headers } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS, LOCALES } from "@/lib/domain/locale";

const LocaleChoice = z.enum(LOCALES);

/**
 * The header's language switcher: remembers the choice in the `locale` cookie. Next.js renders the
 * page again in the same response, so the address does not change. An unknown value changes nothing.
 */
export async function chooseLocale(formData: FormData): Promise<void> {
  const choice = LocaleChoice.safeParse(formData.get("locale"));
  if (!choice.success) return;
  const forwardedProto = (await headers()).get("x-forwarded-proto")?.split(",")[0]?.trim();
  (await cookies()).set(LOCALE_COOKIE, choice.data, {
    path: "/",
    maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS,
    sameSite: "lax",
    // A preference, not a secret, but no reason to send it in clear once the site is on HTTPS.
    secure: forwardedProto === "https",
  });
}
