"use client";
// API tokens for automation: created for one role, shown once, revocable.
import { useId, useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableColumns, TableHead, TableRow } from "@/components/ui/table";
import type { Role } from "@/lib/domain/roles";
import { LabelledField } from "./labelled-field";
import { RoleSelect } from "./role-select";
import { formatDateTime } from "@/lib/domain/format";
import type { ApiTokenView } from "@/lib/domain/accounts";

export function CreateTokenForm({ onCreate, busy }: { onCreate: (input: { name: string; role: Role }) => Promise<boolean>; busy: boolean }) {
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const ids = { name: useId(), role: useId(), hint: useId() };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (await onCreate({ name, role })) {
      setName("");
      setRole("viewer");
    }
  }

  return (
    <form onSubmit={submit} aria-label="Create an API token" className="grid gap-3 rounded-lg border border-neutral-200 bg-white p-4 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
      <LabelledField htmlFor={ids.name} label="Token name">
        <Input id={ids.name} required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} aria-describedby={ids.hint} className="mt-1 w-full" />
      </LabelledField>
      <LabelledField htmlFor={ids.role} label="Role">
        <RoleSelect id={ids.role} value={role} onRoleChange={setRole} className="mt-1 w-full" />
      </LabelledField>
      <Button type="submit" disabled={busy}>
        Create token
      </Button>
      <p id={ids.hint} className="text-xs text-neutral-700 sm:col-span-3">
        Say what uses it (for example &ldquo;nightly report&rdquo;). Scripts send it as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>;
        resets made with it are recorded as <code className="font-mono">token:&lt;name&gt;</code>.
      </p>
    </form>
  );
}

export function TokensTable({ tokens, onRevoke, busy }: { tokens: ApiTokenView[]; onRevoke: (token: ApiTokenView) => void; busy: boolean }) {
  return (
    <Table>
      <TableCaption>{tokens.length === 0 ? "No API tokens yet." : `${tokens.length} API token${tokens.length === 1 ? "" : "s"}, newest first.`}</TableCaption>
      <TableColumns names={["Name", "Role", "Status", "Created", "Last used"]} actions />
      <TableBody>
        {tokens.map((token) => (
          <TableRow key={token.id}>
            <TableHead scope="row" className="border-0 font-medium">
              {token.name}
              <span className="ml-1.5 font-mono text-xs font-normal text-neutral-700">{token.id}</span>
            </TableHead>
            <TableCell>{token.role}</TableCell>
            <TableCell>
              <span className="flex flex-wrap gap-1">
                {token.revokedAt ? <Badge tone="rose">Revoked {formatDateTime(token.revokedAt)}</Badge> : <Badge tone="green">Active</Badge>}
                {token.simulatorOnly ? <Badge tone="amber">Simulator only</Badge> : null}
              </span>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {formatDateTime(token.createdAt)} <span className="text-neutral-700">by {token.createdBy}</span>
            </TableCell>
            <TableCell className="whitespace-nowrap">{formatDateTime(token.lastUsedAt) ?? "never"}</TableCell>
            <TableCell className="text-right">
              {token.revokedAt ? null : (
                <Button variant="secondary" size="sm" disabled={busy} onClick={() => onRevoke(token)} aria-label={`Revoke the token ${token.name}`}>
                  Revoke
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
