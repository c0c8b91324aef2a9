"use client";
// The admin page: accounts, API tokens, and recent account events. Every change goes through the
// admin API, which checks the admin role again; this page only makes the calls comfortable.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import type { Role } from "@/lib/domain/roles";
import { toApiRequestError } from "@/lib/client/api-error";
import type { ApiTokenView, UserView } from "@/lib/domain/accounts";
import { ConfirmDialog, type ConfirmRequest } from "./_components/confirm-dialog";
import { CreateUserForm } from "./_components/create-user-form";
import { EventsTable } from "./_components/events-table";
import { OneTimeSecret } from "./_components/one-time-secret";
import { CreateTokenForm, TokensTable } from "./_components/tokens-section";
import { UsersTable } from "./_components/users-table";
import { ApprovalPolicySection } from "./_components/approval-policy-section";
import { adminChanges, adminEventsOptions, adminKeys, adminTokensOptions, adminUsersOptions } from "./admin-queries";

interface Secret {
  title: string;
  label: string;
  value: string;
}

function ErrorMessage({ error }: { error: string | null }) {
  // Always rendered, so that a new message is announced.
  return (
    <div role="alert" className="text-sm text-rose-800 empty:hidden">
      {error}
    </div>
  );
}

function Loading({ what, error }: { what: string; error: unknown }) {
  if (error) return <p className="text-sm text-rose-800">Could not load {what}: {toApiRequestError(error).message}</p>;
  return (
    <p className="flex items-center gap-2 text-sm text-neutral-700">
      <Spinner /> Loading {what}…
    </p>
  );
}

export function AdminUsersClient({ currentUsername }: { currentUsername: string }) {
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const users = useQuery(adminUsersOptions());
  const tokens = useQuery(adminTokensOptions());
  const events = useQuery(adminEventsOptions());
  const [userSecret, setUserSecret] = useState<Secret | null>(null);
  const [tokenSecret, setTokenSecret] = useState<Secret | null>(null);
  const [userError, setUserError] = useState<string | null>(null);
  const [tokenError, setTokenError] = useState<string | null>(null);
  const [confirm, setConfirmRequest] = useState<ConfirmRequest | null>(null);
  // Asked from a button: focus returns to it when the dialog closes.
  const setConfirm = (request: ConfirmRequest) =>
    setConfirmRequest({ ...request, returnFocusTo: document.activeElement instanceof HTMLElement ? document.activeElement : null });

  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.all });

  // One mutation for every admin change: run it, show the error next to its section, refresh the lists.
  const change = useMutation({
    mutationFn: async (work: { run: () => Promise<unknown>; section: "users" | "tokens"; done: string }) => work.run(),
    onMutate: (work) => (work.section === "users" ? setUserError(null) : setTokenError(null)),
    onSuccess: (_result, work) => toast({ title: work.done, tone: "success" }),
    onError: (error, work) => (work.section === "users" ? setUserError : setTokenError)(toApiRequestError(error).message),
    onSettled: refresh,
  });
  const busy = change.isPending;

  /** Runs one change through that mutation and hands back its own, typed, answer. */
  async function perform<T>(run: () => Promise<T>, section: "users" | "tokens", done: string): Promise<T> {
    let answer!: T;
    await change.mutateAsync({
      run: async () => {
        answer = await run();
      },
      section,
      done,
    });
    return answer;
  }

  async function createUser(input: { username: string; role: Role; password?: string }): Promise<boolean> {
    try {
      const { user, generatedPassword } = await perform(() => adminChanges.createUser(input), "users", `User ${input.username.trim().toLowerCase()} created`);
      setUserSecret(generatedPassword ? { title: `Password of ${user.username}`, label: `the password of ${user.username}`, value: generatedPassword } : null);
      return true;
    } catch {
      return false;
    }
  }

  async function createToken(input: { name: string; role: Role }): Promise<boolean> {
    try {
      const { token, secret } = await perform(() => adminChanges.createToken(input), "tokens", `API token ${input.name.trim()} created`);
      setTokenSecret({ title: `API token ${token.name} (${token.role})`, label: `the API token ${token.name}`, value: secret });
      return true;
    } catch {
      return false;
    }
  }

  const userActions = {
    changeRole: (user: UserView, role: Role) =>
      setConfirm({
        title: `Change the role of ${user.username}?`,
        description: (
          <p>
            {user.username} becomes {role === "admin" ? "an" : "a"} {role} (now {user.role}). It applies to their next request.
          </p>
        ),
        confirmLabel: `Make ${role}`,
        tone: "primary",
        onConfirm: () => change.mutate({ run: () => adminChanges.updateUser(user.username, { role }), section: "users", done: `${user.username} is now ${role}` }),
      }),
    setDisabled: (user: UserView, disabled: boolean) =>
      disabled
        ? setConfirm({
            title: `Disable ${user.username}?`,
            description: <p>{user.username} is signed out everywhere and cannot sign in until an admin enables the account again.</p>,
            confirmLabel: "Disable account",
            onConfirm: () => change.mutate({ run: () => adminChanges.updateUser(user.username, { disabled: true }), section: "users", done: `${user.username} disabled` }),
          })
        : change.mutate({ run: () => adminChanges.updateUser(user.username, { disabled: false }), section: "users", done: `${user.username} enabled` }),
    resetPassword: (user: UserView) =>
      setConfirm({
        title: `Reset the password of ${user.username}?`,
        description: <p>A new password is generated and shown once. {user.username} is signed out everywhere and any sign-in lockout is lifted.</p>,
        confirmLabel: "Reset password",
        onConfirm: () =>
          change.mutate({
            run: async () => {
              const { generatedPassword } = await adminChanges.resetPassword(user.username);
              if (generatedPassword) setUserSecret({ title: `New password of ${user.username}`, label: `the new password of ${user.username}`, value: generatedPassword });
            },
            section: "users",
            done: `Password of ${user.username} reset`,
          }),
      }),
  };

  function revoke(token: ApiTokenView) {
    setConfirm({
      title: `Revoke the API token ${token.name}?`,
      description: <p>Anything still using it is refused from its next request. This cannot be undone: create a new token instead.</p>,
      confirmLabel: "Revoke token",
      onConfirm: () => change.mutate({ run: () => adminChanges.revokeToken(token.id), section: "tokens", done: `API token ${token.name} revoked` }),
    });
  }

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-xl font-semibold text-neutral-950">Users and API tokens</h1>
        <p className="mt-1 text-sm text-neutral-700">
          Viewers see tasks and the reset history; operators can also reset tasks; admins can also manage accounts and tokens. Every change here is
          recorded.
        </p>
        <p id="own-account-note" className="mt-1 text-sm text-neutral-700">
          You cannot change the role of, or disable, your own account: another admin must.
        </p>
      </div>

      <section aria-labelledby="users-heading" className="space-y-3">
        <h2 id="users-heading" className="text-lg font-semibold text-neutral-950">
          Users
        </h2>
        <CreateUserForm onCreate={createUser} busy={busy} />
        <ErrorMessage error={userError} />
        {userSecret ? <OneTimeSecret {...userSecret} onDismiss={() => setUserSecret(null)} /> : null}
        {users.data ? <UsersTable users={users.data} currentUsername={currentUsername} actions={userActions} busy={busy} /> : <Loading what="users" error={users.error} />}
      </section>

      <section aria-labelledby="tokens-heading" className="space-y-3">
        <h2 id="tokens-heading" className="text-lg font-semibold text-neutral-950">
          API tokens
        </h2>
        <CreateTokenForm onCreate={createToken} busy={busy} />
        <ErrorMessage error={tokenError} />
        {tokenSecret ? <OneTimeSecret {...tokenSecret} onDismiss={() => setTokenSecret(null)} /> : null}
        {tokens.data ? <TokensTable tokens={tokens.data} onRevoke={revoke} busy={busy} /> : <Loading what="API tokens" error={tokens.error} />}
      </section>

      <ApprovalPolicySection />

      <section aria-labelledby="events-heading" className="space-y-3">
        <h2 id="events-heading" className="text-lg font-semibold text-neutral-950">
          Recent account activity
        </h2>
        {events.data ? <EventsTable events={events.data} /> : <Loading what="account activity" error={events.error} />}
      </section>

      <ConfirmDialog request={confirm} onClose={() => setConfirmRequest(null)} />
    </div>
  );
}
