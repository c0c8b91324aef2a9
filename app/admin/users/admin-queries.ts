// The admin page's calls to the admin API: query keys (broad to narrow, as lib/client/*-keys.ts),
// the list queries, and the changes. Typed by the API shapes of lib/domain/accounts.ts.
import { queryOptions } from "@tanstack/react-query";
import type { Role } from "@/lib/domain/roles";
import { fetchJson } from "@/lib/client/fetch-json";
import type { ApiTokenView, AuthEventView, UserView } from "@/lib/domain/users";

/** Every admin change refreshes `adminKeys.all`: the lists and the events they add to. */
export const adminKeys = {
  all: ["admin"] as const,
  users: () => [...adminKeys.all, "users"] as const,
  tokens: () => [...adminKeys.all, "tokens"] as const,
  events: () => [...adminKeys.all, "events"] as const,
};

/** How many recent account events the page shows. */
const EVENTS_SHOWN = 25;

export function adminUsersOptions() {
  return queryOptions({
    queryKey: adminKeys.users(),
    queryFn: ({ signal }) => fetchJson<{ items: UserView[] }>("/api/admin/users", { signal }).then((r) => r.items),
  });
}

export function adminTokensOptions() {
  return queryOptions({
    queryKey: adminKeys.tokens(),
    queryFn: ({ signal }) => fetchJson<{ items: ApiTokenView[] }>("/api/admin/tokens", { signal }).then((r) => r.items),
  });
}

export function adminEventsOptions() {
  return queryOptions({
    queryKey: adminKeys.events(),
    queryFn: ({ signal }) => fetchJson<{ items: AuthEventView[] }>(`/api/admin/events?limit=${EVENTS_SHOWN}`, { signal }).then((r) => r.items),
  });
}

/** A password chosen by the console is returned once, here, and never again. */
export interface UserWithPassword {
  user: UserView;
  generatedPassword: string | null;
}

/** The token's secret is returned once, here, and never again. */
export interface TokenWithSecret {
  token: ApiTokenView;
  secret: string;
}

const JSON_HEADERS = { "content-type": "application/json" };

export const adminChanges = {
  createUser: (body: { username: string; role: Role; password?: string }) =>
    fetchJson<UserWithPassword>("/api/admin/users", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) }),
  updateUser: (username: string, change: { role: Role } | { disabled: boolean }) =>
    fetchJson<{ user: UserView }>(`/api/admin/users/${encodeURIComponent(username)}`, { method: "PATCH", headers: JSON_HEADERS, body: JSON.stringify(change) }),
  resetPassword: (username: string) =>
    fetchJson<UserWithPassword>(`/api/admin/users/${encodeURIComponent(username)}/password`, { method: "POST", headers: JSON_HEADERS, body: "{}" }),
  createToken: (body: { name: string; role: Role }) =>
    fetchJson<TokenWithSecret>("/api/admin/tokens", { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) }),
  revokeToken: (id: string) => fetchJson<{ token: ApiTokenView }>(`/api/admin/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
};
