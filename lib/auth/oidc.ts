import "server-only";
// Sign-in through the company's OpenID Provider (issue 23), with openid-client (panva's certified
// relying party) doing every protocol check: discovery, authorization code + PKCE (S256) + state +
// nonce, the ID token's signature, iss, aud, exp and nonce, userinfo, the RP-initiated logout URL.
// This module adds what the console decides: the round trip bound to the browser (a random flow id
// in a short-lived cookie, its secrets in the oidc_flows table, consumed once), the person's console
// account (source oidc, keyed by issuer + sub), the role from the groups at every sign-in, and then
// the same session as a password sign-in. Failures are recorded as auth events, and protocol
// failures count against the client address like wrong passwords do.
//
// Never logged, recorded or answered: the client secret, codes, tokens, state, nonce, verifier.
import { createHash, randomBytes } from "node:crypto";
import * as oidc from "openid-client";
import type { AuditStore } from "@/lib/db/store";
import { storeOperation } from "@/lib/audit/errors";
import { getConfig, type AppMode, type Config } from "@/lib/config/env";
import { AccessRefusal, type AccessErrorCode, type DomainError } from "@/lib/domain/errors";
import type { Role } from "@/lib/domain/roles";
import { logger } from "@/lib/log";
import type { Principal } from "./actors";
import { authDeps } from "./auth-deps";
import { safeNextPath } from "./next-path";
import { groupsFromClaims, isLoopbackHost, roleForGroups, usernameFromClaims, type RoleMapping } from "@/lib/domain/users";
import { createSession, endSession, purgeEndedSessions, type SessionPolicy } from "./sessions";
import { signInRefusal } from "./sign-in";
import { recordAuthEvent } from "./store/auth-events";
import { inTransaction } from "@/lib/notify/store";
import { lockoutNotification, recordNotification } from "@/lib/notify/outbox";
import { deleteSessionsOfUser } from "./store/sessions";
import { authDb, iso } from "./store/tables";
import { readThrottleStates, withThrottleLock, writeThrottleState } from "./store/throttle-state";
import { findUserByOidcIdentity, insertOidcUser, updateOidcProfile, type User } from "./store/users";
import { ADDRESS_RULE, addressThrottleKey, afterFailure, LockQueueFullError, throttleVerdict } from "./throttle";

export const OIDC_CALLBACK_PATH = "/api/auth/oidc/callback";
export const OIDC_START_PATH = "/api/auth/oidc/start";
/** A round trip to the provider must finish within this time (the cookie and the row expire). */
export const FLOW_LIFETIME_MS = 10 * 60_000;

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  clientAuth: "client_secret_basic" | "client_secret_post";
  displayName: string;
  scopes: string;
  rolesClaim: string;
  roleMap: readonly RoleMapping[];
  defaultRole: Role | null;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

/** The OIDC settings, or null when sign-in through a provider is not configured (lib/config/env.ts checks they go together). */
export function oidcSettings(config: Config = getConfig()): OidcSettings | null {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET || !config.CONSOLE_PUBLIC_ORIGIN) return null;
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    clientAuth: config.OIDC_CLIENT_AUTH,
    displayName: config.OIDC_DISPLAY_NAME,
    scopes: config.OIDC_SCOPES,
    rolesClaim: config.OIDC_ROLES_CLAIM,
    roleMap: config.OIDC_ROLE_MAP ?? [],
    defaultRole: config.OIDC_DEFAULT_ROLE ?? null,
    redirectUri: `${config.CONSOLE_PUBLIC_ORIGIN}${OIDC_CALLBACK_PATH}`,
    postLogoutRedirectUri: `${config.CONSOLE_PUBLIC_ORIGIN}/sign-in`,
  };
}

/** What the provider's two routes need, or oidc_unavailable when no provider is configured. */
export async function oidcDeps(): Promise<OidcDeps> {
  const settings = oidcSettings(getConfig());
  if (!settings) throw new OidcRefusal("oidc_unavailable", "Sign-in through an identity provider is not configured on this console.");
  const deps = await authDeps();
  return { store: deps.store, mode: deps.mode, policy: deps.policy, now: () => new Date(), settings };
}

/** The refusal page for a refused round trip, with the few printable facts it shows. */
export function refusedPagePath(error: DomainError): string {
  const params = new URLSearchParams({ code: error.code });
  const providerError = error.data.providerError;
  if (typeof providerError === "string") params.set("detail", providerError);
  const username = error.data.username;
  if (typeof username === "string") params.set("username", username);
  return `/sign-in/refused?${params.toString()}`;
}

/** A refusal of a sign-in through the provider: the code decides the status (lib/api/errors.ts). */
export class OidcRefusal extends AccessRefusal {
  override name = "OidcRefusal";
}

// --- discovery ------------------------------------------------------------------------------

/** After a failed discovery, the next try waits this long, so a provider that is down does not slow every sign-in page. */
const RETRY_DISCOVERY_AFTER_MS = 15_000;
const DISCOVERY_TIMEOUT_SECONDS = 5;

let discovered: { key: string; configuration: Promise<oidc.Configuration> } | null = null;
let lastFailure: { key: string; at: number } | null = null;

function settingsKey(settings: OidcSettings): string {
  return JSON.stringify([settings.issuer, settings.clientId, settings.clientAuth, createHash("sha256").update(settings.clientSecret).digest("hex")]);
}

/**
 * The provider's configuration, discovered at first use and kept. http:// is allowed only for a
 * loopback issuer (the configuration refuses any other). Throws oidc_unavailable when the provider
 * cannot be reached; local sign-in does not depend on it.
 */
export async function providerConfiguration(settings: OidcSettings): Promise<oidc.Configuration> {
  const key = settingsKey(settings);
  if (discovered?.key === key) return discovered.configuration;
  if (lastFailure?.key === key && Date.now() - lastFailure.at < RETRY_DISCOVERY_AFTER_MS) throw unavailable();
  const issuer = new URL(settings.issuer);
  const auth = settings.clientAuth === "client_secret_post" ? oidc.ClientSecretPost(settings.clientSecret) : oidc.ClientSecretBasic(settings.clientSecret);
  const insecure = issuer.protocol === "http:" && isLoopbackHost(issuer.hostname);
  const configuration = oidc.discovery(issuer, settings.clientId, undefined, auth, {
    timeout: DISCOVERY_TIMEOUT_SECONDS,
    ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  discovered = { key, configuration };
  try {
    const result = await configuration;
    lastFailure = null;
    return result;
  } catch (error) {
    if (discovered?.configuration === configuration) discovered = null;
    lastFailure = { key, at: Date.now() };
    logger.warn("oidc_discovery_failed", { issuer: settings.issuer, name: (error as Error).name, code: errorCode(error) });
    throw unavailable();
  }
}

function unavailable(): OidcRefusal {
  return new OidcRefusal("oidc_unavailable", "The identity provider cannot be reached right now. Try again later, or sign in with a local account if you have one.");
}

/** What the sign-in page shows: no provider, a provider with its button, or one that cannot be reached. */
export type OidcStatus = { configured: false } | { configured: true; displayName: string; reachable: boolean };

export async function oidcStatus(config: Config = getConfig()): Promise<OidcStatus> {
  const settings = oidcSettings(config);
  if (!settings) return { configured: false };
  try {
    await providerConfiguration(settings);
    return { configured: true, displayName: settings.displayName, reachable: true };
  } catch {
    return { configured: true, displayName: settings.displayName, reachable: false };
  }
}

/** Forgets the discovered provider (tests that start a provider per suite). */
export function resetOidcDiscovery(): void {
  discovered = null;
  lastFailure = null;
}

// --- the round trip ---------------------------------------------------------------------------

export const FLOW_COOKIE = "dts_oidc_flow";
export const SECURE_FLOW_COOKIE = "__Host-dts_oidc_flow";

/** Lax, not Strict: the provider's redirect back is a cross-site top-level navigation, which must carry it. */
export function flowCookieHeader(flowId: string, secure: boolean): string {
  return `${secure ? SECURE_FLOW_COOKIE : FLOW_COOKIE}=${flowId}; Path=/; Max-Age=${FLOW_LIFETIME_MS / 1000}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function clearFlowCookieHeader(secure: boolean): string {
  return `${secure ? SECURE_FLOW_COOKIE : FLOW_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function readFlowCookie(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  let plain: string | null = null;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    if (name === SECURE_FLOW_COOKIE && /^[A-Za-z0-9_-]{43}$/.test(value)) return value;
    if (name === FLOW_COOKIE && plain === null && /^[A-Za-z0-9_-]{43}$/.test(value)) plain = value;
  }
  return plain;
}

function flowKey(flowId: string): string {
  return createHash("sha256").update(flowId, "utf8").digest("hex");
}

export interface OidcDeps {
  store: AuditStore;
  mode: AppMode;
  policy: SessionPolicy;
  now: () => Date;
  settings: OidcSettings;
}

/** Starts a round trip: the provider's authorization URL to send the browser to, and the flow id for its cookie. */
export async function startOidcSignIn(deps: OidcDeps, input: { next: string | null }): Promise<{ redirectTo: string; flowId: string }> {
  const configuration = await providerConfiguration(deps.settings);
  const now = deps.now();
  const flowId = randomBytes(32).toString("base64url");
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const codeChallenge = await oidc.calculatePKCECodeChallenge(codeVerifier);
  const db = authDb(deps.store);
  await storeOperation("start the sign-in", async () => {
    // Round trips abandoned more than a day ago are of no use to anyone.
    await db.deleteFrom("oidc_flows").where("expires_at", "<", iso(new Date(now.getTime() - 24 * 3_600_000))).execute();
    await db
      .insertInto("oidc_flows")
      .values({
        id: flowKey(flowId),
        state,
        nonce,
        code_verifier: codeVerifier,
        next_path: safeNextPath(input.next),
        created_at: iso(now),
        expires_at: iso(new Date(now.getTime() + FLOW_LIFETIME_MS)),
        consumed_at: null,
      })
      .execute();
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: deps.settings.redirectUri,
    scope: deps.settings.scopes,
    code_challenge: codeChallenge,
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { redirectTo: url.href, flowId };
}

interface Flow {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
}

/** Takes the flow for good: a second callback with the same cookie (a replay) finds nothing. */
async function consumeFlow(store: AuditStore, flowId: string, now: Date): Promise<Flow | null> {
  const row = await storeOperation("finish the sign-in", () =>
    authDb(store)
      .updateTable("oidc_flows")
      .set({ consumed_at: iso(now) })
      .where("id", "=", flowKey(flowId))
      .where("consumed_at", "is", null)
      .where("expires_at", ">", iso(now))
      .returning(["state", "nonce", "code_verifier", "next_path"])
      .executeTakeFirst(),
  );
  return row ? { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, next: row.next_path } : null;
}

export interface CallbackInput {
  /** The callback's query string, as the browser brought it. */
  search: string;
  flowId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  previousSessionToken: string | null;
}

export interface OidcSignedIn {
  principal: Principal;
  sessionToken: string;
  next: string;
}

/** The short code of an error for a log line or an event: never its message (which may quote a response). */
function errorCode(error: unknown): string {
  if (error instanceof oidc.ResponseBodyError) return `${error.code}:${error.error}`.slice(0, 100);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code.slice(0, 100);
  return error instanceof Error ? error.name : typeof error;
}

function claimText(value: unknown, max = 256): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim().slice(0, max) : null;
}

/**
 * Finishes a round trip: checks it belongs to this browser, lets openid-client redeem the code and
 * validate the ID token, reads the groups, sets the account's role from them, and starts a session.
 * Throws OidcRefusal (or the throttling refusal) for everything else, each recorded.
 */
export async function finishOidcSignIn(deps: OidcDeps, input: CallbackInput): Promise<OidcSignedIn> {
  const { store, settings } = deps;
  const addressKey = addressThrottleKey(input.clientAddress);
  const origin = { via: "web" as const, clientAddress: input.clientAddress, userAgent: input.userAgent };
  const failed = async (reason: string, code: AccessErrorCode, message: string, options: { count: boolean; subject?: string | null; data?: Record<string, unknown>; detail?: Record<string, string | number | boolean | null> }) => {
    const now = deps.now();
    let addressFailures: number | null = null;
    if (options.count) {
      try {
        addressFailures = await withThrottleLock(store, [addressKey], async (locked) => {
          const states = await readThrottleStates(locked, [addressKey]);
          const next = afterFailure(states.get(addressKey) ?? null, ADDRESS_RULE, now);
          await writeThrottleState(locked, addressKey, next);
          return next.failures;
        });
      } catch (error) {
        if (!(error instanceof LockQueueFullError)) throw error;
      }
    }
    await inTransaction(store.db, async (tx) => {
      await recordAuthEvent({ ...store, db: tx }, {
        type: "sign_in_failed",
        at: now,
        actor: null,
        ...origin,
        subjectUsername: options.subject ?? null,
        detail: { method: "oidc", reason, ...(addressFailures === null ? {} : { addressFailures }), ...options.detail },
      });
      // The failure that locks the address out: the team hears of it once (lib/notify/outbox.ts).
      if (addressFailures === ADDRESS_RULE.lockoutFailures) {
        await recordNotification(tx, lockoutNotification(options.subject ?? null, input.clientAddress, now, Math.round(ADDRESS_RULE.lockoutMs / 60_000)));
      }
    });
    logger.info("oidc_sign_in_refused", { reason, address: input.clientAddress });
    return new OidcRefusal(code, message, options.data ?? {});
  };

  // Throttled like password sign-in: a client address that keeps failing waits, then is locked out.
  const now = deps.now();
  const states = await readThrottleStates(store, [addressKey]);
  const verdict = throttleVerdict(states.get(addressKey) ?? null, ADDRESS_RULE, now);
  if (!verdict.allowed) {
    const retryAfterSeconds = Math.max(1, Math.ceil((verdict.retryAt.getTime() - now.getTime()) / 1000));
    await recordAuthEvent(store, { type: "sign_in_throttled", at: now, actor: null, ...origin, detail: { method: "oidc", locked: verdict.locked, retryAfterSeconds } });
    throw signInRefusal({ outcome: "throttled", locked: verdict.locked, retryAfterSeconds });
  }

  const params = new URLSearchParams(input.search);
  const flow = input.flowId ? await consumeFlow(store, input.flowId, now) : null;

  const providerError = params.get("error");
  if (providerError !== null) {
    // The provider refused (the person cancelled, the client is not allowed...): shown, not a 500.
    const printable = (text: string | null, max: number) => (text ?? "").replace(/[^\x20-\x7e]/g, "").slice(0, max);
    const error = printable(providerError, 64) || "error";
    const description = printable(params.get("error_description"), 200);
    throw await failed("provider_error", "oidc_provider_error", `The identity provider refused the sign-in: ${error}${description ? ` (${description})` : ""}.`, {
      count: false,
      data: { providerError: error, ...(description ? { providerErrorDescription: description } : {}) },
      detail: { providerError: error },
    });
  }
  if (!flow) {
    throw await failed(input.flowId ? "flow_unknown_or_used" : "no_flow", "oidc_failed", "This sign-in was not started in this browser, was already used, or took longer than 10 minutes. Start again from the sign-in page.", { count: true });
  }

  const configuration = await providerConfiguration(settings);
  const callbackUrl = new URL(settings.redirectUri);
  callbackUrl.search = input.search;
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw await failed("token_check_failed", "oidc_failed", "The identity provider's answer did not pass the console's checks (state, code, ID token). Start again from the sign-in page.", {
      count: true,
      detail: { error: errorCode(error) },
    });
  }
  const claims = tokens.claims();
  if (!claims || !tokens.id_token) {
    throw await failed("no_id_token", "oidc_failed", "The identity provider sent no ID token.", { count: true });
  }

  // Groups from the ID token; when the claim is not there, from the userinfo endpoint.
  let profileClaims: Record<string, unknown> = claims;
  let groups = groupsFromClaims(claims, settings.rolesClaim);
  if (groups === null) {
    try {
      const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      profileClaims = { ...userinfo, ...claims };
      groups = groupsFromClaims(userinfo, settings.rolesClaim);
    } catch (error) {
      logger.warn("oidc_userinfo_failed", { code: errorCode(error) });
    }
  }
  const seenGroups = groups ?? [];
  const role = roleForGroups(seenGroups, settings.roleMap, settings.defaultRole);
  const at = deps.now();
  const profile = {
    displayName: claimText(profileClaims.name),
    email: claimText(profileClaims.email),
    groups: seenGroups,
  };
  const groupsDetail = seenGroups.join(",").slice(0, 256);

  let user = await findUserByOidcIdentity(store, claims.iss, claims.sub);
  const noRole = async (subject: string | null) => {
    // Removed from every mapped group: whatever session they still hold ends as well.
    const ended = user ? await deleteSessionsOfUser(store, user.id) : 0;
    return failed("no_role", "oidc_no_role", "You have no role in this console: none of your groups at the identity provider is given one. Ask the console's admins to add you to one of its groups.", {
      count: false,
      subject,
      data: { groups: settings.roleMap.map((m) => m.group) },
      detail: { groups: groupsDetail, endedSessions: ended },
    });
  };
  if (user) {
    if (user.disabledAt !== null) {
      throw await failed("disabled", "oidc_account_disabled", "Your console account has been disabled. Ask the console's admins.", { count: false, subject: user.username });
    }
    if (role === null) throw await noRole(user.username);
    const before: User = user;
    user = (await updateOidcProfile(store, user.id, { ...profile, role }, at)) ?? user;
    if (before.role !== role) {
      await recordAuthEvent(store, {
        type: "user_role_changed",
        at,
        actor: { username: "oidc", role: "system" },
        via: "system",
        subjectUsername: user.username,
        detail: { from: before.role, to: role, source: "oidc_groups", groups: groupsDetail },
      });
    }
  } else {
    const username = usernameFromClaims(profileClaims);
    if (role === null) throw await noRole(username);
    const created = await insertOidcUser(store, { username, issuer: claims.iss, subject: claims.sub, profile: { ...profile, role }, at });
    if (!created) {
      throw await failed("username_taken", "oidc_username_taken", `The username "${username}" belongs to another console account, so the console will not sign you in as it. Ask the console's admins.`, {
        count: false,
        subject: username,
        data: { username },
      });
    }
    user = (await updateOidcProfile(store, created.id, { ...profile, role }, at)) ?? created;
    await recordAuthEvent(store, {
      type: "user_created",
      at,
      actor: { username: "oidc", role: "system" },
      via: "system",
      subjectUsername: user.username,
      detail: { role, source: "oidc", issuer: claims.iss.slice(0, 256), groups: groupsDetail },
    });
  }

  if (deps.mode === "live" && user.simulatorOnly) {
    throw await failed("simulator_only", "oidc_account_disabled", "This console account works in simulator mode only.", { count: false, subject: user.username });
  }
  if (input.previousSessionToken) await endSession(store, input.previousSessionToken);
  const session = await createSession(store, user, { clientAddress: input.clientAddress, userAgent: input.userAgent }, at, { authMethod: "oidc", idToken: tokens.id_token });
  await purgeEndedSessions(store, deps.policy, at);
  await recordAuthEvent(store, {
    type: "sign_in_succeeded",
    at,
    actor: { username: user.username, role: user.role },
    ...origin,
    subjectUsername: user.username,
    detail: { method: "oidc", issuer: claims.iss.slice(0, 256), groups: groupsDetail },
  });
  logger.info("signed_in", { username: user.username, role: user.role, address: input.clientAddress, method: "oidc" });
  return { principal: session.principal, sessionToken: session.token, next: flow.next };
}

/**
 * Where the browser goes after signing out of a session that began at the provider: its
 * end_session_endpoint with id_token_hint and post_logout_redirect_uri (<origin>/sign-in), or null
 * when the provider has none (or cannot be reached: the console's own session has ended anyway).
 */
export async function providerLogoutUrl(settings: OidcSettings, idToken: string): Promise<string | null> {
  try {
    const configuration = await providerConfiguration(settings);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: settings.postLogoutRedirectUri }).href;
  } catch {
    return null;
  }
}
