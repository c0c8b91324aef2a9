// The admin page's refusals in the reader's language. An invalid_request names its zod issues
// (path and code); their English messages belong to the API, so each known issue gets the page's
// own words, by rule (lib/auth/credential-rules.ts, lib/domain/approvals.ts).
import { useTranslations } from "next-intl";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/credential-rules";
import type { ApiRequestError } from "@/lib/client/api-error";
import { useErrorText } from "@/lib/client/format";

interface Issue {
  path: string;
  code: string;
}

function issuesOf(error: ApiRequestError): Issue[] {
  const issues = error.body.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter((i): i is Issue => !!i && typeof i === "object" && typeof (i as Issue).path === "string" && typeof (i as Issue).code === "string");
}

export function useAdminErrorText() {
  const t = useTranslations("Admin");
  const errorText = useErrorText();

  function issueText({ path, code }: Issue): string | null {
    if (path === "password") {
      if (code === "too_small") return t("passwordTooShort", { min: PASSWORD_MIN });
      if (code === "too_big") return t("passwordTooLong", { max: PASSWORD_MAX });
      return t("passwordInvalid");
    }
    // The username is checked on its own (path ""), after the body.
    if (path === "" || path === "username") return t("usernameRule");
    if (path === "name") return t("tokenNameInvalid");
    if (path.startsWith("accounts")) return t("policyAccountsInvalid");
    if (path.startsWith("regions")) return t("policyRegionsInvalid");
    if (path.startsWith("namePatterns")) return t("policyPatternsInvalid");
    return null;
  }

  return (error: ApiRequestError): string => {
    if (error.code === "invalid_request") {
      const texts = [...new Set(issuesOf(error).map(issueText))];
      if (texts.length > 0 && texts.every((text) => text !== null)) return texts.join(" ");
    }
    return errorText(error);
  };
}
