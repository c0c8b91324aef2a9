"use client";
// Every account: role, status, last sign-in, and the admin's actions on it.
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableColumns, TableHead, TableRow } from "@/components/ui/table";
import type { Role } from "@/lib/domain/roles";
import { RoleSelect } from "./role-select";
import { formatDateTime } from "@/lib/domain/format";
import type { UserView } from "@/lib/domain/accounts";

export interface UserActions {
  changeRole: (user: UserView, role: Role) => void;
  setDisabled: (user: UserView, disabled: boolean) => void;
  resetPassword: (user: UserView) => void;
}

export function UsersTable({ users, currentUsername, actions, busy }: { users: UserView[]; currentUsername: string; actions: UserActions; busy: boolean }) {
  return (
    <Table>
      <TableCaption>{users.length === 1 ? "1 account" : `${users.length} accounts`}. Accounts are disabled, never deleted.</TableCaption>
      <TableColumns names={["Username", "Role", "Status", "Last sign-in", "Created"]} actions />
      <TableBody>
        {users.map((user) => {
          const self = user.username === currentUsername;
          const disabled = user.disabledAt !== null;
          return (
            <TableRow key={user.id}>
              <TableHead scope="row" className="border-0 font-medium">
                <span className="font-mono text-xs">{user.username}</span>
                {self ? <span className="ml-1.5 text-xs font-normal text-neutral-700">(you)</span> : null}
              </TableHead>
              <TableCell>
                <RoleSelect
                  controlSize="sm"
                  aria-label={`Role of ${user.username}`}
                  value={user.role}
                  disabled={self || busy}
                  aria-describedby={self ? "own-account-note" : undefined}
                  onRoleChange={(role) => actions.changeRole(user, role)}
                />
              </TableCell>
              <TableCell>
                <span className="flex flex-wrap gap-1">
                  {disabled ? <Badge tone="rose">Disabled</Badge> : <Badge tone="green">Active</Badge>}
                  {user.simulatorOnly ? <Badge tone="amber">Simulator only</Badge> : null}
                </span>
              </TableCell>
              <TableCell className="whitespace-nowrap">{formatDateTime(user.lastSignInAt) ?? "never"}</TableCell>
              <TableCell className="whitespace-nowrap">
                {formatDateTime(user.createdAt)} <span className="text-neutral-700">by {user.createdBy}</span>
              </TableCell>
              <TableCell>
                <span className="flex justify-end gap-1.5">
                  <Button variant="secondary" size="sm" disabled={busy} onClick={() => actions.resetPassword(user)} aria-label={`Reset the password of ${user.username}`}>
                    Reset password
                  </Button>
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={self || busy}
                    onClick={() => actions.setDisabled(user, !disabled)}
                    aria-label={`${disabled ? "Enable" : "Disable"} ${user.username}`}
                  >
                    {disabled ? "Enable" : "Disable"}
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
