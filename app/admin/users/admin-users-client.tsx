"use client";
// The admin page: accounts, API tokens, and recent account events. Every change goes through the
// admin API, which checks the admin role again; this page only makes the calls comfortable.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import type { Role } from "@/lib/domain/roles";
import { toApiRequestError } from "@/lib/client/api-error";
import type { ApiTokenView, UserView } from "@/lib/domain/users";
import { ConfirmDialog, type ConfirmRequest } from "./_components/confirm-dialog";
import { CreateUserForm } from "./_components/create-user-form";
import { EventsTable } from "./_components/events-table";
import { OneTimeSecret } from "./_components/one-time-secret";
import { CreateTokenForm, TokensTable } from "./_components/tokens-section";
import { UsersTable } from "./_components/users-table";
import { PageSection } from "@/components/console/page-section";
import { ApprovalPolicySection } from "./_components/approval-policy-section";
import { useAdminErrorText } from "./admin-error-text";
import { adminChanges, adminEventsOptions, adminKeys, adminTokensOptions, adminUsersOptions } from "./admin-queries";

interface Secret {
  title: string;
  label: string;
  value: string;
}

/** What the section's last change left to say: why it failed, or the secret it made (shown once). */
function ChangeOutcome({ error, secret, onDismiss }: { error: string | null; secret: Secret | null; onDismiss: () => void }) {
  return (
    <>
      {/* Always rendered, so that a new message is announced. */}
      <div role="alert" className="text-sm text-rose-800 empty:hidden">
        {error}
      </div>
      {secret ? <OneTimeSecret {...secret} onDismiss={onDismiss} /> : null}
    </>
  );
}

/** A list once it is in; until then, that it is on its way or why it did not come, in the reader's language. */
function Loaded<T>({
  query,
  loading,
  failed,
  children,
}: {
  query: { data: T | undefined; error: unknown };
  loading: string;
  failed: (error: string) => string;
  children: (data: T) => ReactNode;
}) {
  const errorText = useAdminErrorText();
  if (query.data) return children(query.data);
  if (query.error) return <p className="text-sm text-rose-800">{failed(errorText(toApiRequestError(query.error)))}</p>;
  return (
    <p className="flex items-center gap-2 text-sm text-neutral-700">
      <Spinner /> {loading}
    </p>
  );
}

export function AdminUsersClient({ currentUsername, providerName }: { currentUsername: string; providerName: string | null }) {
  const t = useTranslations("Admin");
  const roles = useTranslations("Roles");
  const errorText = useAdminErrorText();
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
    onError: (error, work) => (work.section === "users" ? setUserError : setTokenError)(errorText(toApiRequestError(error))),
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
      const { user, generatedPassword } = await perform(() => adminChanges.createUser(input), "users", t("userCreated", { username: input.username.trim().toLowerCase() }));
      setUserSecret(
        generatedPassword
          ? { title: t("userPasswordTitle", { username: user.username }), label: t("userPasswordLabel", { username: user.username }), value: generatedPassword }
          : null,
      );
      return true;
    } catch {
      return false;
    }
  }

  async function createToken(input: { name: string; role: Role }): Promise<boolean> {
    try {
      const { token, secret } = await perform(() => adminChanges.createToken(input), "tokens", t("tokenCreated", { name: input.name.trim() }));
      setTokenSecret({ title: t("tokenSecretTitle", { name: token.name, role: roles(token.role) }), label: t("tokenSecretLabel", { name: token.name }), value: secret });
      return true;
    } catch {
      return false;
    }
  }

  /** What a role change does, with the role's article in English (a closed set, so one message each). */
  function changeRoleText(user: UserView, role: Role): string {
    const values = { username: user.username, current: roles(user.role) };
    if (role === "admin") return t("changeRoleBodyAdmin", values);
    if (role === "operator") return t("changeRoleBodyOperator", values);
    return t("changeRoleBodyViewer", values);
  }

  const userActions = {
    changeRole: (user: UserView, role: Role) =>
      setConfirm({
        title: t("changeRoleTitle", { username: user.username }),
        description: <p>{changeRoleText(user, role)}</p>,
        confirmLabel: t("changeRoleConfirm", { role: roles(role) }),
        tone: "primary",
        onConfirm: () =>
          change.mutate({
            run: () => adminChanges.updateUser(user.username, { role }),
            section: "users",
            done: t("roleChanged", { username: user.username, role: roles(role) }),
          }),
      }),
    setDisabled: (user: UserView, disabled: boolean) =>
      disabled
        ? setConfirm({
            title: t("disableTitle", { username: user.username }),
            description: <p>{t("disableBody", { username: user.username })}</p>,
            confirmLabel: t("disableConfirm"),
            onConfirm: () =>
              change.mutate({
                run: () => adminChanges.updateUser(user.username, { disabled: true }),
                section: "users",
                done: t("userDisabled", { username: user.username }),
              }),
          })
        : change.mutate({
            run: () => adminChanges.updateUser(user.username, { disabled: false }),
            section: "users",
            done: t("userEnabled", { username: user.username }),
          }),
    resetPassword: (user: UserView) =>
      setConfirm({
        title: t("resetPasswordTitle", { username: user.username }),
        description: <p>{t("resetPasswordBody", { username: user.username })}</p>,
        confirmLabel: t("resetPasswordConfirm"),
        onConfirm: () =>
          change.mutate({
            run: async () => {
              const { generatedPassword } = await adminChanges.resetPassword(user.username);
              if (generatedPassword)
                setUserSecret({
                  title: t("newPasswordTitle", { username: user.username }),
                  label: t("newPasswordLabel", { username: user.username }),
                  value: generatedPassword,
                });
            },
            section: "users",
            done: t("passwordReset", { username: user.username }),
          }),
      }),
  };

  function revoke(token: ApiTokenView) {
    setConfirm({
      title: t("revokeTitle", { name: token.name }),
      description: <p>{t("revokeBody")}</p>,
      confirmLabel: t("revokeConfirm"),
      onConfirm: () => change.mutate({ run: () => adminChanges.revokeToken(token.id), section: "tokens", done: t("tokenRevoked", { name: token.name }) }),
    });
  }

  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-xl font-semibold text-neutral-950">{t("title")}</h1>
        <p className="mt-1 text-sm text-neutral-700">{t("intro")}</p>
        <p id="own-account-note" className="mt-1 text-sm text-neutral-700">
          {t("ownAccountNote")}
        </p>
      </div>

      <PageSection id="users-heading" title={t("usersHeading")}>
        <CreateUserForm onCreate={createUser} busy={busy} />
        <ChangeOutcome error={userError} secret={userSecret} onDismiss={() => setUserSecret(null)} />
        <Loaded query={users} loading={t("loadingUsers")} failed={(error) => t("loadUsersFailed", { error })}>
          {(data) => <UsersTable users={data} currentUsername={currentUsername} providerName={providerName} actions={userActions} busy={busy} />}
        </Loaded>
      </PageSection>

      <PageSection id="tokens-heading" title={t("tokensHeading")}>
        <CreateTokenForm onCreate={createToken} busy={busy} />
        <ChangeOutcome error={tokenError} secret={tokenSecret} onDismiss={() => setTokenSecret(null)} />
        <Loaded query={tokens} loading={t("loadingTokens")} failed={(error) => t("loadTokensFailed", { error })}>
          {(data) => <TokensTable tokens={data} onRevoke={revoke} busy={busy} />}
        </Loaded>
      </PageSection>

      <ApprovalPolicySection />

      <PageSection id="events-heading" title={t("eventsHeading")}>
        <Loaded query={events} loading={t("loadingEvents")} failed={(error) => t("loadEventsFailed", { error })}>
          {(data) => <EventsTable events={data} />}
        </Loaded>
      </PageSection>

      <ConfirmDialog request={confirm} onClose={() => setConfirmRequest(null)} />
    </div>
  );
}
