"use client";
// Adds an account. The password may be left empty: one is generated and shown once.
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { PASSWORD_MIN } from "@/lib/auth/credential-rules";
import type { Role } from "@/lib/domain/roles";
import { LabelledField } from "./labelled-field";
import { RoleSelect } from "./role-select";

export function CreateUserForm({ onCreate, busy }: { onCreate: (input: { username: string; role: Role; password?: string }) => Promise<boolean>; busy: boolean }) {
  const t = useTranslations("Admin");
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [password, setPassword] = useState("");
  const ids = { username: useId(), role: useId(), password: useId(), passwordHint: useId(), roleHint: useId() };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const created = await onCreate({ username, role, ...(password ? { password } : {}) });
    if (created) {
      setUsername("");
      setPassword("");
      setRole("viewer");
    }
  }

  return (
    <form onSubmit={submit} aria-label={t("addUserForm")} className="grid gap-3 rounded-lg border border-neutral-200 bg-white p-4 sm:grid-cols-[1fr_10rem_1fr_auto] sm:items-end">
      <LabelledField htmlFor={ids.username} label={t("usernameLabel")}>
        <Input id={ids.username} required autoComplete="off" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} className="mt-1 w-full" />
      </LabelledField>
      <LabelledField htmlFor={ids.role} label={t("roleLabel")}>
        <RoleSelect id={ids.role} value={role} onRoleChange={setRole} aria-describedby={ids.roleHint} className="mt-1 w-full" />
      </LabelledField>
      <LabelledField
        htmlFor={ids.password}
        label={
          <>
            {t("passwordLabel")}
            <span className="font-normal text-neutral-700">{t("optional")}</span>
          </>
        }
      >
        <Input
          id={ids.password}
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby={ids.passwordHint}
          className="mt-1 w-full"
        />
      </LabelledField>
      <Button type="submit" disabled={busy}>
        {t("addUser")}
      </Button>
      <p id={ids.roleHint} className="text-xs text-neutral-700 sm:col-span-2">
        {role === "viewer" ? t("roleHintViewer") : role === "operator" ? t("roleHintOperator") : t("roleHintAdmin")}
      </p>
      <p id={ids.passwordHint} className="text-xs text-neutral-700 sm:col-span-2">
        {t("passwordHint", { min: PASSWORD_MIN })}
      </p>
    </form>
  );
}
