"use client";
import { useTranslations } from "next-intl";
import { Select, type SelectProps } from "@/components/ui/select";
import { ROLES, type Role } from "@/lib/domain/roles";

/** The one role picker of the admin page: new users, new tokens and each user's row. */
export function RoleSelect({ value, onRoleChange, ...props }: Omit<SelectProps, "value" | "onChange" | "children"> & { value: Role; onRoleChange: (role: Role) => void }) {
  const roles = useTranslations("Roles");
  return (
    <Select value={value} onChange={(e) => onRoleChange(e.target.value as Role)} {...props}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {roles(role)}
        </option>
      ))}
    </Select>
  );
}
