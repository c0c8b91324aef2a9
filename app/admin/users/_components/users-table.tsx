"use client";
// Every account: role, where it comes from (local, or the identity provider with the groups of its
// last sign-in), status, last sign-in, and the admin's actions on it. An account from the provider
// has no role select (its groups decide, at every sign-in; the server refuses a change too) and no
// password to reset; it can still be disabled, which ends its sessions.
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from "@/components/ui/table";
import type { Role } from "@/lib/domain/roles";
import { RoleSelect } from "./role-select";
import { useFormat } from "@/lib/client/format";
import { TableColumns } from "@/components/ui/table";
import type { UserView } from "@/lib/domain/users";

export interface UserActions {
  changeRole: (user: UserView, role: Role) => void;
  setDisabled: (user: UserView, disabled: boolean) => void;
  resetPassword: (user: UserView) => void;
}

export function UsersTable({
  users,
  currentUsername,
  providerName,
  actions,
  busy,
}: {
  users: UserView[];
  currentUsername: string;
  /** OIDC_DISPLAY_NAME, or null when no provider is configured (older oidc accounts then say "identity provider"). */
  providerName: string | null;
  actions: UserActions;
  busy: boolean;
}) {
  const t = useTranslations("Admin");
  const roles = useTranslations("Roles");
  const f = useFormat();
  return (
    <Table>
      <TableCaption>{t("usersCaption", { count: users.length })}</TableCaption>
      <TableColumns names={[t("colUsername"), t("colRole"), t("colSource"), t("colStatus"), t("colLastSignIn"), t("colCreated")]} actions />
      <TableBody>
        {users.map((user) => {
          const self = user.username === currentUsername;
          const disabled = user.disabledAt !== null;
          const fromProvider = user.source === "oidc";
          const provider = providerName ?? t("sourceProviderUnnamed");
          return (
            <TableRow key={user.id}>
              <TableHead scope="row" className="border-0 font-medium">
                <span className="font-mono text-xs">{user.username}</span>
                {self ? <span className="ml-1.5 text-xs font-normal text-neutral-700">{t("you")}</span> : null}
              </TableHead>
              <TableCell>
                {fromProvider ? (
                  <span className="flex flex-col gap-0.5">
                    <span>{roles(user.role)}</span>
                    <span className="text-xs text-neutral-700">{t("roleFromGroups", { provider })}</span>
                  </span>
                ) : (
                  <RoleSelect
                    controlSize="sm"
                    aria-label={t("roleOf", { username: user.username })}
                    value={user.role}
                    disabled={self || busy}
                    aria-describedby={self ? "own-account-note" : undefined}
                    onRoleChange={(role) => actions.changeRole(user, role)}
                  />
                )}
              </TableCell>
              <TableCell>
                {fromProvider ? (
                  <span className="flex flex-col gap-0.5">
                    <Badge tone="blue">{provider}</Badge>
                    {user.displayName || user.email ? <span className="text-xs text-neutral-700">{[user.displayName, user.email].filter(Boolean).join(" · ")}</span> : null}
                    <span className="text-xs text-neutral-700">
                      {user.groups && user.groups.length > 0 ? t("groupsSeen", { groups: user.groups.join(", ") }) : t("groupsNone")}
                    </span>
                  </span>
                ) : (
                  <Badge tone="neutral">{t("sourceLocal")}</Badge>
                )}
              </TableCell>
              <TableCell>
                <span className="flex flex-wrap gap-1">
                  {disabled ? <Badge tone="rose">{t("disabled")}</Badge> : <Badge tone="green">{t("active")}</Badge>}
                  {user.simulatorOnly ? <Badge tone="amber">{t("simulatorOnly")}</Badge> : null}
                </span>
              </TableCell>
              <TableCell className="whitespace-nowrap">{f.dateTime(user.lastSignInAt) ?? t("never")}</TableCell>
              <TableCell className="whitespace-nowrap">
                {f.dateTime(user.createdAt)} <span className="text-neutral-700">{t("createdBy", { username: user.createdBy })}</span>
              </TableCell>
              <TableCell>
                <span className="flex justify-end gap-1.5">
                  {fromProvider ? null : (
                    <Button
                      variant="secondary"
                      size="sm"
                      disabled={busy}
                      onClick={() => actions.resetPassword(user)}
                      aria-label={t("resetPasswordLabel", { username: user.username })}
                    >
                      {t("resetPasswordConfirm")}
                    </Button>
                  )}
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={self || busy}
                    onClick={() => actions.setDisabled(user, !disabled)}
                    aria-label={disabled ? t("enableLabel", { username: user.username }) : t("disableLabel", { username: user.username })}
                  >
                    {disabled ? t("enable") : t("disable")}
                  </Button>
                </span>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
