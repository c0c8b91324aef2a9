"use client";
// The latest sign-ins, account and token changes (auth_events, append-only).
import { useTranslations } from "next-intl";
import { Table, TableBody, TableCaption, TableCell, TableRow } from "@/components/ui/table";
import { useFormat } from "@/lib/client/format";
import { isRole } from "@/lib/domain/roles";
import type { AuthEventType, AuthEventView } from "@/lib/domain/accounts";
import { TableColumns } from "@/components/ui/table";

export function EventsTable({ events }: { events: AuthEventView[] }) {
  const t = useTranslations("Admin");
  const roles = useTranslations("Roles");
  const f = useFormat();

  /** A role from an event's detail, in the reader's language (anything else as recorded). */
  const role = (value: unknown) => (isRole(value) ? roles(value) : String(value ?? ""));

  function label(type: AuthEventType): string {
    switch (type) {
      case "sign_in_succeeded":
        return t("eventSignInSucceeded");
      case "sign_in_failed":
        return t("eventSignInFailed");
      case "sign_in_throttled":
        return t("eventSignInThrottled");
      case "signed_out":
        return t("eventSignedOut");
      case "user_created":
        return t("eventUserCreated");
      case "user_role_changed":
        return t("eventUserRoleChanged");
      case "user_disabled":
        return t("eventUserDisabled");
      case "user_enabled":
        return t("eventUserEnabled");
      case "user_password_reset":
        return t("eventUserPasswordReset");
      case "user_unlocked":
        return t("eventUserUnlocked");
      case "api_token_created":
        return t("eventApiTokenCreated");
      case "api_token_revoked":
        return t("eventApiTokenRevoked");
      default:
        return String(type);
    }
  }

  function failureReason(reason: unknown): string {
    switch (reason) {
      case "unknown_user":
        return t("failureUnknownUser");
      case "bad_password":
        return t("failureBadPassword");
      case "disabled":
        return t("failureDisabled");
      case "simulator_only":
        return t("failureSimulatorOnly");
      default:
        return String(reason ?? "");
    }
  }

  function describe(event: AuthEventView): string {
    const d = event.detail;
    if (event.type === "user_role_changed") return `${role(d.from)} → ${role(d.to)}`;
    if (event.type === "sign_in_failed") return failureReason(d.reason);
    if (event.type === "api_token_created" || event.type === "api_token_revoked") return t("tokenWithRole", { name: String(d.name), role: role(d.role) });
    if (event.type === "user_created") return d.role === undefined ? "" : role(d.role);
    return "";
  }

  return (
    <Table>
      <TableCaption>{t("eventsCaption", { count: events.length })}</TableCaption>
      <TableColumns names={[t("colTime"), t("colEvent"), t("colBy"), t("colSubject"), t("colDetails"), t("colAddress")]} />
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.id}>
            <TableCell className="whitespace-nowrap">{f.dateTime(event.at)}</TableCell>
            <TableCell>{label(event.type)}</TableCell>
            <TableCell className="font-mono text-xs">{event.actorUsername ?? t("anonymous")}</TableCell>
            <TableCell className="font-mono text-xs">{event.subjectUsername ?? event.subjectTokenId ?? ""}</TableCell>
            <TableCell>{describe(event)}</TableCell>
            <TableCell className="font-mono text-xs">{event.clientAddress ?? ""}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
