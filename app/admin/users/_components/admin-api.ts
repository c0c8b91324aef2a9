// The admin page's calls to the admin API, and the TanStack Query keys they fill.
import { fetchJson } from "@/lib/client/fetch-json";
import type { AuthEvent } from "@/lib/auth/store/auth-events";
import type { ApiToken } from "@/lib/auth/store/api-tokens";
import type { User } from "@/lib/auth/store/users";
import type { Role } from "@/lib/auth/roles";

export type { ApiToken, AuthEvent, User };

export const adminKeys = {
  users: ["admin", "users"] as const,
  tokens: ["admin", "tokens"] as const,
  events: ["admin", "events"] as const,
};

const JSON_HEADERS = { "content-type": "application/json" };

export const adminApi = {
  listUsers: () => fetchJson<{ items: User[] }>("/api/admin/users").then((r) => r.items),
  listTokens: () => fetchJson<{ items: ApiToken[] }>("/api/admin/tokens").then((r) => r.items),
  listEvents: () => fetchJson<{ items: AuthEvent[] }>("/api/admin/events?limit=25").then((r) => r.items),
  createUser: (body: { username: string; role: Role; password?: string }) =>
    fetchJson<{ user: User; generatedPassword: string | null }>("/api/admin/users", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) }),
  updateUser: (username: string, change: { role: Role } | { disabled: boolean }) =>
    fetchJson<{ user: User }>(`/api/admin/users/${encodeURIComponent(username)}`, { method: "PATCH", headers: JSON_HEADERS, body: JSON.stringify(change) }),
  resetPassword: (username: string) =>
    fetchJson<{ user: User; generatedPassword: string | null }>(`/api/admin/users/${encodeURIComponent(username)}/password`, {
      method: "POST",
      headers: JSON_HEADERS,
      body: "{}",
    }),
  createToken: (body: { name: string; role: Role }) =>
    fetchJson<{ token: ApiToken; secret: string }>("/api/admin/tokens", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) }),
  revokeToken: (id: string) => fetchJson<{ token: ApiToken }>(`/api/admin/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
};

export function formatTime(iso: string | null): string {
  if (!iso) return "never";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
