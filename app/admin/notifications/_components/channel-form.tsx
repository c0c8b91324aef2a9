"use client";
// Adds a channel, or changes one. Checked before sending by the same zod schemas the route handler
// parses with (lib/domain/notifications.ts), each problem shown under its field in the reader's
// language; what only the server can judge (is this address private?) comes back the same way.
// The URL and the secret are write-only: editing shows neither, and leaving them empty keeps them.
import { useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ApiRequestError } from "@/lib/client/api-error";
import { useErrorText } from "@/lib/client/format";
import { LOCALES, type Locale } from "@/lib/domain/locale";
import {
  CHANNEL_KINDS,
  channelCreateSchema,
  channelSecretIssue,
  channelUpdateSchema,
  kindTakesSecret,
  SUBSCRIBABLE_EVENTS,
  WEBHOOK_SECRET_PREFIX,
  type ChannelCreateInput,
  type ChannelKind,
  type ChannelUpdateInput,
  type SubscribableEvent,
} from "@/lib/domain/notifications";
import type { ChannelView } from "@/lib/domain/notification-views";
import { useNotificationWords } from "./event-label";

type Field = "kind" | "name" | "url" | "secret" | "events";
type Problems = Partial<Record<Field | "form", string>>;

const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export function ChannelForm({
  channel,
  onSubmit,
  onCancel,
}: {
  /** The channel being changed; none to add one. */
  channel: ChannelView | null;
  onSubmit: (body: { create: ChannelCreateInput } | { update: ChannelUpdateInput }) => Promise<void>;
  onCancel?: () => void;
}) {
  const t = useTranslations("Notifications");
  const errorText = useErrorText();
  const words = useNotificationWords();
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? "dingtalk");
  const [name, setName] = useState(channel?.name ?? "");
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState("");
  const [clearSecret, setClearSecret] = useState(false);
  const [events, setEvents] = useState<SubscribableEvent[]>((channel?.events.filter((e) => e !== "test") as SubscribableEvent[] | undefined) ?? [...SUBSCRIBABLE_EVENTS]);
  const [language, setLanguage] = useState<Locale>(channel?.language ?? "en");
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const base = useId();
  const id = (field: string) => `${base}-${field}`;
  const formRef = useRef<HTMLFormElement>(null);
  const takesSecret = kindTakesSecret(kind);
  const params = { scheme: "https://", prefix: WEBHOOK_SECRET_PREFIX };

  /** A schema's issue, in the page's words (the schema's English is the API's). */
  function fieldText(field: Field, message: string): string {
    if (field === "name") return t("nameInvalid");
    if (field === "url") return t("urlInvalid", params);
    if (field === "events") return t("eventsInvalid");
    if (field === "secret") {
      if (!takesSecret) return t("secretNotTaken");
      if (kind === "webhook" && /whsec|Standard Webhooks/.test(message)) return t("secretInvalidWebhook", params);
      return t("secretInvalid");
    }
    return message;
  }

  function issuesToProblems(issues: ReadonlyArray<{ path: PropertyKey[] | string; message: string }>): Problems {
    const found: Problems = {};
    for (const issue of issues) {
      const path = Array.isArray(issue.path) ? String(issue.path[0] ?? "") : String(issue.path).split(".")[0]!;
      const field = (["kind", "name", "url", "secret", "events"] as const).find((f) => f === path);
      if (field && !found[field]) found[field] = fieldText(field, issue.message);
    }
    return found;
  }

  function focusFirstProblem(found: Problems) {
    const first = (["kind", "name", "url", "secret", "events"] as const).find((f) => found[f]);
    if (first) requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(id(first))}`)?.focus());
  }

  function body(): { create: ChannelCreateInput } | { update: ChannelUpdateInput } | null {
    if (!channel) {
      const parsed = channelCreateSchema.safeParse({ kind, name, url, ...(takesSecret && secret ? { secret } : {}), events, language, enabled });
      if (!parsed.success) return fail(issuesToProblems(parsed.error.issues));
      return { create: parsed.data };
    }
    const change: Record<string, unknown> = {};
    if (name !== channel.name) change.name = name;
    if (url.trim()) change.url = url;
    if (clearSecret) change.secret = null;
    else if (secret) change.secret = secret;
    if (events.join() !== channel.events.join()) change.events = events;
    if (language !== channel.language) change.language = language;
    if (enabled !== channel.enabled) change.enabled = enabled;
    const parsed = channelUpdateSchema.safeParse(change);
    const secretIssue = channelSecretIssue(channel.kind, typeof change.secret === "string" ? change.secret : undefined);
    if (!parsed.success || secretIssue) {
      const found = parsed.success ? {} : issuesToProblems(parsed.error.issues);
      if (secretIssue) found.secret = fieldText("secret", secretIssue);
      // "Change at least one field": nothing to send is no problem, just nothing to do.
      if (!parsed.success && Object.keys(found).length === 0) {
        onCancel?.();
        return null;
      }
      return fail(found);
    }
    return { update: parsed.data };
  }

  function fail(found: Problems): null {
    setProblems(found);
    focusFirstProblem(found);
    return null;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setProblems({});
    const ready = body();
    if (!ready) return;
    setBusy(true);
    try {
      await onSubmit(ready);
      if (!channel) {
        setName("");
        setUrl("");
        setSecret("");
        setEvents([...SUBSCRIBABLE_EVENTS]);
      }
    } catch (error) {
      const apiError = error instanceof ApiRequestError ? error : null;
      const issues = apiError && Array.isArray(apiError.body.issues) ? (apiError.body.issues as Array<{ path: string; message: string }>) : [];
      const found = issues.length ? issuesToProblems(issues) : {};
      if (apiError?.code === "channel_url_refused") found.url = `${errorText(apiError)} ${apiError.message}`;
      if (Object.keys(found).length === 0) found.form = apiError ? errorText(apiError) : String(error);
      fail(found);
    } finally {
      setBusy(false);
    }
  }

  const describedBy = (field: Field, hint?: string) => [hint, problems[field] ? id(`${field}-problem`) : null].filter(Boolean).join(" ") || undefined;
  const problem = (field: Field) =>
    problems[field] ? (
      <p id={id(`${field}-problem`)} className="mt-1 text-sm text-rose-800">
        {problems[field]}
      </p>
    ) : null;
  const label = (field: string, text: string, optional = false) => (
    <label htmlFor={id(field)} className="block text-sm font-medium text-neutral-900">
      {text}
      {optional ? <span className="font-normal text-neutral-700">{t("optional")}</span> : null}
    </label>
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={channel ? t("editHeading", { name: channel.name }) : t("addHeading")} className="grid gap-4 rounded-lg border border-neutral-200 bg-white p-4 sm:grid-cols-2">
      <div>
        {label("kind", t("fieldKind"))}
        {channel ? (
          <p id={id("kind")} className="mt-2 text-sm">
            {words.kind(channel.kind)}
          </p>
        ) : (
          <Select id={id("kind")} value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)} className="mt-1 w-full">
            {CHANNEL_KINDS.map((k) => (
              <option key={k} value={k}>
                {words.kind(k)}
              </option>
            ))}
          </Select>
        )}
      </div>
      <div>
        {label("name", t("fieldName"))}
        <Input id={id("name")} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" aria-invalid={problems.name ? true : undefined} aria-describedby={describedBy("name")} className="mt-1 w-full" />
        {problem("name")}
      </div>
      <div className="sm:col-span-2">
        {label("url", t("fieldUrl"), channel !== null)}
        <Input
          id={id("url")}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={problems.url ? true : undefined}
          aria-describedby={describedBy("url", id("url-hint"))}
          className="mt-1 w-full font-mono text-xs"
        />
        <p id={id("url-hint")} className="mt-1 text-xs text-neutral-700">
          {channel ? t("urlKeepHint", { preview: channel.urlPreview }) : t("urlHint", params)}
        </p>
        {problem("url")}
      </div>
      <div className="sm:col-span-2">
        {label("secret", t("fieldSecret"), true)}
        <Input
          id={id("secret")}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={secret}
          disabled={!takesSecret || clearSecret}
          onChange={(e) => setSecret(e.target.value)}
          aria-invalid={problems.secret ? true : undefined}
          aria-describedby={describedBy("secret", id("secret-hint"))}
          className="mt-1 w-full font-mono text-xs"
        />
        <p id={id("secret-hint")} className="mt-1 text-xs text-neutral-700">
          {!takesSecret
            ? t("secretNone")
            : kind === "webhook"
              ? t("secretHint_webhook", params)
              : kind === "dingtalk"
                ? t.rich("secretHint_dingtalk", { code: (chunks) => <code className="font-mono">{chunks}</code> })
                : t("secretHint_feishu")}
          {channel?.hasSecret && takesSecret ? ` ${t("secretKeep")}` : null}
        </p>
        {channel?.hasSecret ? (
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" checked={clearSecret} onChange={(e) => setClearSecret(e.target.checked)} className="h-4 w-4" />
            {t("secretClear")}
          </label>
        ) : null}
        {problem("secret")}
      </div>
      <fieldset className="sm:col-span-2" aria-describedby={problems.events ? id("events-problem") : undefined}>
        <legend className="text-sm font-medium text-neutral-900">{t("fieldEvents")}</legend>
        <div className="mt-1 flex gap-2">
          <Button type="button" variant="link" size="sm" id={id("events")} onClick={() => setEvents([...SUBSCRIBABLE_EVENTS])}>
            {t("allEvents")}
          </Button>
          <Button type="button" variant="link" size="sm" onClick={() => setEvents([])}>
            {t("noEvents")}
          </Button>
        </div>
        <div className="mt-2 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
          {SUBSCRIBABLE_EVENTS.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="h-4 w-4"
                checked={events.includes(type)}
                onChange={(e) => setEvents((now) => (e.target.checked ? SUBSCRIBABLE_EVENTS.filter((x) => x === type || now.includes(x)) : now.filter((x) => x !== type)))}
              />
              {words.event(type)}
            </label>
          ))}
        </div>
        {problem("events")}
      </fieldset>
      <div>
        {label("language", t("fieldLanguage"))}
        <Select id={id("language")} value={language} onChange={(e) => setLanguage(e.target.value as Locale)} className="mt-1 w-full">
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </Select>
      </div>
      <label className="flex items-center gap-2 self-end text-sm">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} className="h-4 w-4" />
        {t("fieldEnabled")}
      </label>
      {/* Always rendered, so that a new message is announced. */}
      <div role="alert" className="text-sm text-rose-800 empty:hidden sm:col-span-2">
        {problems.form}
      </div>
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" disabled={busy}>
          {channel ? t("save") : t("add")}
        </Button>
        {onCancel ? (
          <Button type="button" variant="secondary" onClick={onCancel}>
            {t("cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
