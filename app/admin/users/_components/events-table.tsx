"use client";
// The latest sign-ins, account and token changes (auth_events, append-only).
import { Table, TableBody, TableCaption, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/domain/format";
import type { AuthEventType, AuthEventView } from "@/lib/domain/accounts";

const EVENT_LABELS: Record<AuthEventType, string> = {
  sign_in_succeeded: "Signed in",
  sign_in_failed: "Sign-in failed",
  sign_in_throttled: "Sign-in refused (throttled)",
  signed_out: "Signed out",
  user_created: "User created",
  user_role_changed: "Role changed",
  user_disabled: "User disabled",
  user_enabled: "User enabled",
  user_password_reset: "Password reset",
  user_unlocked: "Sign-in unlocked",
  api_token_created: "API token created",
  api_token_revoked: "API token revoked",
};

function describe(event: AuthEventView): string {
  const d = event.detail;
  if (event.type === "user_role_changed") return `${String(d.from)} → ${String(d.to)}`;
  if (event.type === "sign_in_failed") return String(d.reason ?? "");
  if (event.type === "api_token_created" || event.type === "api_token_revoked") return `${String(d.name)} (${String(d.role)})`;
  if (event.type === "user_created") return String(d.role ?? "");
  return "";
}

export function EventsTable({ events }: { events: AuthEventView[] }) {
  return (
    <Table>
      <TableCaption>The {events.length} most recent account events, newest first. They cannot be changed or deleted.</TableCaption>
      <TableColumns names={["Time", "Event", "By", "Account or token", "Details", "Address"]} />
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.id}>
            <TableCell className="whitespace-nowrap">{formatDateTime(event.at)}</TableCell>
            <TableCell>{EVENT_LABELS[event.type] ?? event.type}</TableCell>
            <TableCell className="font-mono text-xs">{event.actorUsername ?? "anonymous"}</TableCell>
            <TableCell className="font-mono text-xs">{event.subjectUsername ?? event.subjectTokenId ?? ""}</TableCell>
            <TableCell>{describe(event)}</TableCell>
            <TableCell className="font-mono text-xs">{event.clientAddress ?? ""}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
