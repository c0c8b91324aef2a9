"use client";
// API tokens for automation: created for one role, shown once, revocable.
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableRow } from "@/components/ui/table";
import type { Role } from "@/lib/domain/roles";
import { LabelledField } from "./labelled-field";
import { RoleSelect } from "./role-select";
import { useFormat } from "@/lib/client/format";
import { TableColumns } from "@/components/ui/table";
import type { ApiTokenView } from "@/lib/domain/users";

export function CreateTokenForm({ onCreate, busy }: { onCreate: (input: { name: string; role: Role }) => Promise<boolean>; busy: boolean }) {
  const t = useTranslations("Admin");
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
    <form onSubmit={submit} aria-label={t("createTokenForm")} className="grid gap-3 rounded-lg border border-neutral-200 bg-white p-4 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
      <LabelledField htmlFor={ids.name} label={t("tokenNameLabel")}>
        <Input id={ids.name} required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} aria-describedby={ids.hint} className="mt-1 w-full" />
      </LabelledField>
      <LabelledField htmlFor={ids.role} label={t("roleLabel")}>
        <RoleSelect id={ids.role} value={role} onRoleChange={setRole} className="mt-1 w-full" />
      </LabelledField>
      <Button type="submit" disabled={busy}>
        {t("createToken")}
      </Button>
      <p id={ids.hint} className="text-xs text-neutral-700 sm:col-span-3">
        {t.rich("tokenHint", {
          header: "Authorization: Bearer <token>",
          actor: "token:<name>",
          code: (chunks) => <code className="font-mono">{chunks}</code>,
        })}
      </p>
    </form>
  );
}

export function TokensTable({ tokens, onRevoke, busy }: { tokens: ApiTokenView[]; onRevoke: (token: ApiTokenView) => void; busy: boolean }) {
  const t = useTranslations("Admin");
  const roles = useTranslations("Roles");
  const f = useFormat();
  return (
    <Table>
      <TableCaption>{tokens.length === 0 ? t("noTokens") : t("tokensCaption", { count: tokens.length })}</TableCaption>
      <TableColumns names={[t("colName"), t("colRole"), t("colStatus"), t("colCreated"), t("colLastUsed")]} actions />
      <TableBody>
        {tokens.map((token) => (
          <TableRow key={token.id}>
            <TableHead scope="row" className="border-0 font-medium">
              {token.name}
              <span className="ml-1.5 font-mono text-xs font-normal text-neutral-700">{token.id}</span>
            </TableHead>
            <TableCell>{roles(token.role)}</TableCell>
            <TableCell>
              <span className="flex flex-wrap gap-1">
                {token.revokedAt ? (
                  <Badge tone="rose">{t("revokedAt", { time: f.dateTime(token.revokedAt) ?? "" })}</Badge>
                ) : (
                  <Badge tone="green">{t("active")}</Badge>
                )}
                {token.simulatorOnly ? <Badge tone="amber">{t("simulatorOnly")}</Badge> : null}
              </span>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {f.dateTime(token.createdAt)} <span className="text-neutral-700">{t("createdBy", { username: token.createdBy })}</span>
            </TableCell>
            <TableCell className="whitespace-nowrap">{f.dateTime(token.lastUsedAt) ?? t("never")}</TableCell>
            <TableCell className="text-right">
              {token.revokedAt ? null : (
                <Button variant="secondary" size="sm" disabled={busy} onClick={() => onRevoke(token)} aria-label={t("revokeLabel", { name: token.name })}>
                  {t("revoke")}
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
