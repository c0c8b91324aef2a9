"use client";
// The latest sign-ins, account and token changes (auth_events, append-only).
import { useTranslations } from "next-intl";
import { Table, TableBody, TableCaption, TableCell, TableRow } from "@/components/ui/table";
import { useFormat } from "@/lib/client/format";
import { entryOf, type MessageKey } from "@/lib/client/message-key";
import { isRole } from "@/lib/domain/roles";
import type { AuthEventType, AuthEventView } from "@/lib/domain/users";
import { TableColumns } from "@/components/ui/table";

const EVENT_KEYS: Record<AuthEventType, MessageKey<"Admin">> = {
  sign_in_succeeded: "eventSignInSucceeded",
  sign_in_failed: "eventSignInFailed",
  sign_in_throttled: "eventSignInThrottled",
  signed_out: "eventSignedOut",
  user_created: "eventUserCreated",
  user_role_changed: "eventUserRoleChanged",
  user_disabled: "eventUserDisabled",
  user_enabled: "eventUserEnabled",
  user_password_reset: "eventUserPasswordReset",
  user_unlocked: "eventUserUnlocked",
  api_token_created: "eventApiTokenCreated",
  api_token_revoked: "eventApiTokenRevoked",
};

/** The `reason` of a failed sign-in's detail. */
const FAILURE_KEYS: Record<"unknown_user" | "bad_password" | "disabled" | "simulator_only", MessageKey<"Admin">> = {
  unknown_user: "failureUnknownUser",
  bad_password: "failureBadPassword",
  disabled: "failureDisabled",
  simulator_only: "failureSimulatorOnly",
};

export function EventsTable({ events }: { events: AuthEventView[] }) {
  const t = useTranslations("Admin");
  const roles = useTranslations("Roles");
  const f = useFormat();

  /** A role from an event's detail, in the reader's language (anything else as recorded). */
  const role = (value: unknown) => (isRole(value) ? roles(value) : String(value ?? ""));

  /** An event type this page does not know (one a newer server records), as recorded. */
  const label = (type: AuthEventType): string => {
    const key = entryOf(EVENT_KEYS, type);
    return key ? t(key) : String(type);
  };
  /** Why a sign-in failed; a reason this page does not know, as recorded. */
  const failureReason = (reason: unknown): string => {
    const key = entryOf(FAILURE_KEYS, reason);
    return key ? t(key) : String(reason ?? "");
  };

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
