// The Alibaba Cloud accounts the console works in (issue 21), as the browser sees them: GET
// /api/accounts, read once per tab (the list changes only with the server's configuration). Pages
// that render with it on the server seed the query with the same answer (seedAccounts), so the
// account picker is in the HTML and nothing is read again on hydration.
import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import { readParam, type RawParams } from "./url-state";

export interface AccountSummary {
  id: string;
  name: string;
  kind: "default" | "role";
  roleArn?: string;
}

export interface AccountsResponse {
  items: AccountSummary[];
  /** The first configured account: what a request that names none acts on. */
  defaultAccount: string;
}

/**
 * The account ID of a console with one account, and of every record written before accounts
 * existed: DEFAULT_ACCOUNT of lib/domain/task-ref.ts, not imported (that module carries zod, which
 * the task list's first paint does without).
 */
export const SINGLE_ACCOUNT = "default";

/** lib/domain/task-ref.ts ACCOUNT_ID_PATTERN, for the same reason. */
const ACCOUNT_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** The `account` search parameter when it is shaped like an account ID, else null (the default account). */
export function parseAccountParam(params: RawParams): string | null {
  const raw = readParam(params, "account")?.trim();
  return raw && ACCOUNT_ID.test(raw) ? raw : null;
}

/**
 * The account a record names, as a task link should carry it: null (no `account` in the link, so
 * the default account) for `default`, the account of every record written while the console had
 * one account.
 */
export function linkAccount(account: string | null | undefined): string | null {
  return account && account !== SINGLE_ACCOUNT ? account : null;
}

export const accountKeys = { all: ["accounts"] as const };

export function accountsOptions() {
  return queryOptions({
    queryKey: accountKeys.all,
    queryFn: ({ signal }) => fetchJson<AccountsResponse>("/api/accounts", { signal }),
    staleTime: Infinity,
  });
}

/** Puts the server's account list into a server render's query client, under the browser's key. */
export function seedAccounts(queryClient: QueryClient, registry: { accounts: readonly AccountSummary[]; defaultAccount: string }): AccountsResponse {
  const answer: AccountsResponse = {
    items: registry.accounts.map(({ id, name, kind, roleArn }) => ({ id, name, kind, ...(roleArn ? { roleArn } : {}) })),
    defaultAccount: registry.defaultAccount,
  };
  queryClient.setQueryData(accountKeys.all, answer);
  return answer;
}

export interface Accounts {
  /** Undefined while the list is being read (or could not be). */
  items: readonly AccountSummary[] | undefined;
  defaultAccount: string | undefined;
  /** More than one account: the pages then name the account wherever a task or record is shown. */
  several: boolean;
  /** The account's display name, or its ID when the console does not hold it (an old record). */
  nameOf: (id: string) => string;
  /** The account a view acts on: the one it names, else the default. */
  resolve: (id: string | null) => string | undefined;
}

export function useAccounts(): Accounts {
  const { data } = useQuery(accountsOptions());
  const items = data?.items;
  return {
    items,
    defaultAccount: data?.defaultAccount,
    several: (items?.length ?? 0) > 1,
    nameOf: (id) => items?.find((a) => a.id === id)?.name ?? id,
    resolve: (id) => id ?? data?.defaultAccount,
  };
}
