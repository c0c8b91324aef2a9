"use client";
// Every account: role, status, last sign-in, and the admin's actions on it.
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

export function UsersTable({ users, currentUsername, actions, busy }: { users: UserView[]; currentUsername: string; actions: UserActions; busy: boolean }) {
  const t = useTranslations("Admin");
  const f = useFormat();
  return (
    <Table>
      <TableCaption>{t("usersCaption", { count: users.length })}</TableCaption>
      <TableColumns names={[t("colUsername"), t("colRole"), t("colStatus"), t("colLastSignIn"), t("colCreated")]} actions />
      <TableBody>
        {users.map((user) => {
          const self = user.username === currentUsername;
          const disabled = user.disabledAt !== null;
          return (
            <TableRow key={user.id}>
              <TableHead scope="row" className="border-0 font-medium">
                <span className="font-mono text-xs">{user.username}</span>
                {self ? <span className="ml-1.5 text-xs font-normal text-neutral-700">{t("you")}</span> : null}
              </TableHead>
              <TableCell>
                <RoleSelect
                  controlSize="sm"
                  aria-label={t("roleOf", { username: user.username })}
                  value={user.role}
                  disabled={self || busy}
                  aria-describedby={self ? "own-account-note" : undefined}
                  onRoleChange={(role) => actions.changeRole(user, role)}
                />
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
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={busy}
                    onClick={() => actions.resetPassword(user)}
                    aria-label={t("resetPasswordLabel", { username: user.username })}
                  >
                    {t("resetPasswordConfirm")}
                  </Button>
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
