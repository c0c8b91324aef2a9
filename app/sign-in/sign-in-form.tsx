"use client";
// The sign-in form: labelled fields, errors announced (role="alert") and tied to the fields, usable
// with the keyboard alone. In simulator mode it also lists the demo accounts and can fill them in.
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type FormEvent, type InputHTMLAttributes, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { Role } from "@/lib/domain/roles";
import { toApiRequestError, type ApiRequestError } from "@/lib/client/api-error";
import { fetchJson } from "@/lib/client/fetch-json";
import { useErrorText } from "@/lib/client/format";

interface DemoAccounts {
  accounts: ReadonlyArray<{ username: string; role: Role }>;
  password: string;
}

export function SignInForm({ next, demo }: { next: string; demo: DemoAccounts | null }) {
  const t = useTranslations("SignIn");
  const roles = useTranslations("Roles");
  const errorText = useErrorText();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  // Until React has hydrated, a submit would be the browser's own: a GET to this page with the
  // password in the address. The button stays disabled until then, and what was typed before
  // hydration is taken from the fields, so nothing typed early is lost or sent the wrong way.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    if (usernameRef.current?.value) setUsername(usernameRef.current.value);
    if (passwordRef.current?.value) setPassword(passwordRef.current.value);
    setHydrated(true);
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (!username.trim() || !password) {
      setError(!username.trim() ? t("enterUsername") : t("enterPassword"));
      (!username.trim() ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      await fetchJson<unknown>("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password }),
      });
      // A full navigation, so that every server-rendered part (header, permissions) sees the session.
      window.location.assign(next);
      return;
    } catch (cause) {
      const failure = toApiRequestError(cause);
      if (failure.isNetworkError) {
        setError(t("networkError"));
      } else {
        // An answer without the API's error body (a proxy's error page) gets a generic message.
        setError(failure.code === `http_${failure.status}` ? t("httpFailed", { status: failure.status }) : refusalText(failure));
        setPassword("");
        passwordRef.current?.focus();
      }
    }
    setPending(false);
  }

  /** The API's refusal in the reader's language: from its code, with the wait the server announced. */
  function refusalText(failure: ApiRequestError): string {
    const seconds = (failure.body as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if ((failure.code === "sign_in_throttled" || failure.code === "sign_in_locked") && typeof seconds === "number") {
      const wait = seconds >= 120 ? t("waitMinutes", { count: Math.ceil(seconds / 60) }) : t("waitSeconds", { count: seconds });
      return failure.code === "sign_in_locked" ? t("locked", { wait }) : t("throttled", { wait });
    }
    return errorText(failure);
  }

  function fillDemo(account: string) {
    if (!demo) return;
    setUsername(account);
    setPassword(demo.password);
    setError(null);
    passwordRef.current?.form?.querySelector<HTMLButtonElement>("button[type=submit]")?.focus();
  }

  const described = error ? errorId : undefined;

  return (
    <>
      <form onSubmit={submit} method="post" noValidate className="mt-6 space-y-4 rounded-lg border border-neutral-200 bg-white p-5">
        <SignInField
          label={t("usernameLabel")}
          inputRef={usernameRef}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onValue={setUsername}
          invalid={Boolean(error)}
          describedBy={described}
        />
        <SignInField
          label={t("passwordLabel")}
          inputRef={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          invalid={Boolean(error)}
          describedBy={described}
        />
        {/* Always in the DOM, so that the message is announced when it appears. */}
        <div id={errorId} role="alert" className="text-sm text-rose-800 empty:hidden">
          {error}
        </div>
        <Button type="submit" className="w-full justify-center" disabled={!hydrated} aria-disabled={pending || undefined}>
          {pending ? t("signingIn") : t("submit")}
        </Button>
      </form>

      {demo ? (
        <section aria-labelledby="demo-accounts-heading" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <h2 id="demo-accounts-heading" className="font-semibold">
            {t("demoHeading")}
          </h2>
          <p className="mt-1">
            {t.rich("demoPassword", {
              password: demo.password,
              code: (chunks) => <code className="rounded bg-white px-1 py-0.5 font-mono text-xs">{chunks}</code>,
            })}
          </p>
          <ul className="mt-2 space-y-1.5">
            {demo.accounts.map((account) => (
              <li key={account.username} className="flex items-center justify-between gap-2">
                <span>
                  <code className="font-mono text-xs">{account.username}</code>
                  <span className="text-amber-900">{t("demoRole", { role: roles(account.role) })}</span>
                </span>
                <Button variant="secondary" size="sm" onClick={() => fillDemo(account.username)}>
                  {t("useAccount", { username: account.username })}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** A labelled, required field of the form, tied to the form's error message. */
function SignInField({
  label,
  inputRef,
  name,
  value,
  onValue,
  invalid,
  describedBy,
  ...input
}: {
  label: string;
  inputRef: RefObject<HTMLInputElement | null>;
  name: "username" | "password";
  value: string;
  onValue: (value: string) => void;
  invalid: boolean;
  describedBy: string | undefined;
} & Pick<InputHTMLAttributes<HTMLInputElement>, "type" | "autoComplete" | "autoCapitalize" | "spellCheck">) {
  const id = `sign-in-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-neutral-900">
        {label}
      </label>
      <Input
        ref={inputRef}
        id={id}
        name={name}
        {...input}
        required
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        className="mt-1 w-full"
      />
    </div>
  );
}
