import "server-only";
// Managing accounts: the use cases the admin API and the users CLI share. Each change is checked,
// applied, and recorded in auth_events.
import type { AuditStore } from "@/lib/db/store";
import { getStore } from "@/lib/db/connection";
import { getAppMode, type AppMode } from "@/lib/config/env";
import { UserError } from "./user-errors";
import { userAdminActorFromRequest, eventActor, type UserAdminActor, type Principal } from "./actors";
import { newPasswordSchema, usernameSchema } from "./credential-rules";
import { generatePassword, hashPassword } from "./passwords";
import { roleSchema, type Role } from "@/lib/domain/roles";
import { recordAuthEvent } from "./store/auth-events";
import { deleteSessionsOfUser } from "./store/sessions";
import { clearThrottleState } from "./store/throttle-state";
import { countEnabledUsers, findUser, insertUser, listUsers, updateUser, type User } from "./store/users";
import { usernameThrottleKey } from "./throttle";

export { listUsers, type User };

/** What every account change needs: the store, the mode, and who is acting. */
export interface UserAdminContext {
  store: AuditStore;
  mode: AppMode;
  actor: UserAdminActor;
  now?: () => Date;
}

/** The context of an admin API request: the process's store and mode, the signed-in admin as actor. */
export async function adminContext(request: Request, principal: Principal): Promise<UserAdminContext> {
  return { store: await getStore(), mode: getAppMode(), actor: userAdminActorFromRequest(request, principal) };
}

/** A password the caller chose, or one made up here and returned once. */
async function passwordOrGenerated(password: string | undefined): Promise<{ hash: string; generated: string | null }> {
  const chosen = password === undefined ? null : newPasswordSchema.parse(password);
  const plain = chosen ?? generatePassword();
  return { hash: await hashPassword(plain), generated: chosen === null ? plain : null };
}

/**
 * Accounts created through the console in simulator mode could have been created by anyone who
 * read the published demo password, so they work in simulator mode only. Accounts created from the
 * command line (someone with access to the database file) are trusted in both modes.
 */
function createdSimulatorOnly(context: UserAdminContext): boolean {
  return context.mode === "simulator" && context.actor.via !== "cli";
}

async function existingUser(store: AuditStore, username: string): Promise<User> {
  const user = await findUser(store, username);
  if (!user) throw new UserError("user_not_found", `There is no user "${username}".`);
  return user;
}

/** Refuses a change that would leave no enabled admin who can sign in in this mode. */
async function assertAnotherAdminRemains(context: UserAdminContext, user: User): Promise<void> {
  if (user.role !== "admin" || user.disabledAt !== null) return;
  if (context.mode === "live" && user.simulatorOnly) return; // it does not count in live mode anyway
  const admins = await countEnabledUsers(context.store, { role: "admin", liveUsable: context.mode === "live" });
  if (admins <= 1) {
    throw new UserError("last_admin", `"${user.username}" is the last enabled admin: make another user admin first.`);
  }
}

function assertNotSelf(context: UserAdminContext, username: string, what: string): void {
  if (context.actor.via === "web" && context.actor.username === username) {
    throw new UserError("own_account", `You cannot ${what} your own account: ask another admin.`);
  }
}

export async function addUser(
  context: UserAdminContext,
  input: { username: string; role: Role; password?: string },
): Promise<{ user: User; generatedPassword: string | null }> {
  const username = usernameSchema.parse(input.username);
  const role = roleSchema.parse(input.role);
  const password = await passwordOrGenerated(input.password);
  const at = (context.now ?? (() => new Date()))();
  const user = await insertUser(context.store, {
    username,
    role,
    passwordHash: password.hash,
    simulatorOnly: createdSimulatorOnly(context),
    createdBy: context.actor.username,
    at,
  });
  if (!user) throw new UserError("user_exists", `The username "${username}" is already taken.`);
  await recordAuthEvent(context.store, {
    type: "user_created",
    at,
    ...eventActor(context.actor),
    subjectUsername: username,
    detail: { role, passwordGenerated: password.generated !== null, simulatorOnly: user.simulatorOnly },
  });
  return { user, generatedPassword: password.generated };
}

export async function setUserRole(context: UserAdminContext, rawUsername: string, rawRole: Role): Promise<User> {
  const username = usernameSchema.parse(rawUsername);
  const role = roleSchema.parse(rawRole);
  const user = await existingUser(context.store, username);
  if (user.source === "oidc") {
    throw new UserError("oidc_managed", `The role of "${username}" comes from their groups at the identity provider and is set again at each sign-in: change their groups there (or end their sessions here).`);
  }
  if (user.role === role) return user;
  assertNotSelf(context, username, "change the role of");
  await assertAnotherAdminRemains(context, user);
  const at = (context.now ?? (() => new Date()))();
  const updated = await updateUser(context.store, username, { role }, at);
  if (!updated) throw new UserError("user_not_found", `There is no user "${username}".`);
  await recordAuthEvent(context.store, {
    type: "user_role_changed",
    at,
    ...eventActor(context.actor),
    subjectUsername: username,
    detail: { from: user.role, to: role },
  });
  return updated;
}

/** Disables or re-enables an account. Disabling ends its sessions at once. */
export async function setUserDisabled(context: UserAdminContext, rawUsername: string, disabled: boolean): Promise<User> {
  const username = usernameSchema.parse(rawUsername);
  const user = await existingUser(context.store, username);
  if ((user.disabledAt !== null) === disabled) return user;
  if (disabled) {
    assertNotSelf(context, username, "disable");
    await assertAnotherAdminRemains(context, user);
  }
  const at = (context.now ?? (() => new Date()))();
  const updated = await updateUser(context.store, username, { disabledAt: disabled ? at : null }, at);
  if (!updated) throw new UserError("user_not_found", `There is no user "${username}".`);
  const endedSessions = disabled ? await deleteSessionsOfUser(context.store, user.id) : 0;
  await recordAuthEvent(context.store, {
    type: disabled ? "user_disabled" : "user_enabled",
    at,
    ...eventActor(context.actor),
    subjectUsername: username,
    detail: disabled ? { endedSessions } : {},
  });
  return updated;
}

/**
 * Sets a new password (chosen, or generated and returned once), ends every session of the account
 * and lifts a sign-in lockout, so the holder can sign in with it at once.
 */
export async function resetPassword(
  context: UserAdminContext,
  rawUsername: string,
  newPassword?: string,
): Promise<{ user: User; generatedPassword: string | null }> {
  const username = usernameSchema.parse(rawUsername);
  const user = await existingUser(context.store, username);
  if (user.source === "oidc") {
    throw new UserError("oidc_managed", `"${username}" signs in through the identity provider and has no password here.`);
  }
  const password = await passwordOrGenerated(newPassword);
  const at = (context.now ?? (() => new Date()))();
  const updated = await updateUser(context.store, username, { passwordHash: password.hash }, at);
  if (!updated) throw new UserError("user_not_found", `There is no user "${username}".`);
  const endedSessions = await deleteSessionsOfUser(context.store, user.id);
  await clearThrottleState(context.store, usernameThrottleKey(username));
  await recordAuthEvent(context.store, {
    type: "user_password_reset",
    at,
    ...eventActor(context.actor),
    subjectUsername: username,
    detail: { passwordGenerated: password.generated !== null, endedSessions },
  });
  return { user: updated, generatedPassword: password.generated };
}

/** Lifts the sign-in delay or lockout of a username. Returns whether there was one. */
export async function unlockUser(context: UserAdminContext, rawUsername: string): Promise<boolean> {
  const username = usernameSchema.parse(rawUsername);
  await existingUser(context.store, username);
  const cleared = await clearThrottleState(context.store, usernameThrottleKey(username));
  await recordAuthEvent(context.store, {
    type: "user_unlocked",
    at: (context.now ?? (() => new Date()))(),
    ...eventActor(context.actor),
    subjectUsername: username,
    detail: { wasThrottled: cleared },
  });
  return cleared;
}
