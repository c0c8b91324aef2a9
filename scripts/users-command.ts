// The users CLI's commands, separate from the entry point (scripts/users.ts) so tests can run them
// against a temporary database with fake standard input and output.
//
// Everything imported here is free of `server-only` (it throws outside Next.js): the account use
// cases in lib/auth/accounts.ts, the audit store's opener and migrations.
import { z } from "zod";
import { openConfiguredDatabase } from "../lib/db/open";
import { DEFAULT_AUDIT_DB_PATH } from "../lib/db/sqlite";
import type { AuditStore } from "../lib/db/store";
import { parseConfig } from "../lib/config/env";
import { UserError } from "../lib/auth/user-errors";
import { cliActor } from "../lib/auth/actors";
import { addUser, listUsers, resetPassword, setUserDisabled, setUserRole, unlockUser, type UserAdminContext } from "../lib/auth/users";
import { isRole, ROLES, type Role } from "../lib/domain/roles";

export interface CliIo {
  /** The password typed or piped in; an empty string means "generate one". */
  readPassword: (prompt: string) => Promise<string>;
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

export const USAGE = `Manage the console's accounts (npm run users -- <command>).

  add <username> --role viewer|operator|admin [--generate]
      Create an account. The password is read from standard input (typed without echo, or piped);
      an empty password, or --generate, makes one up and prints it once.
  list
      Every account with its role and status.
  set-role <username> <viewer|operator|admin>
  disable <username>          Sign-in refused and every session ended; the account is kept.
  enable <username>
  reset-password <username> [--generate]
      New password (standard input or generated), every session ended, sign-in lockout lifted.
  unlock <username>           Lift a sign-in delay or lockout without changing the password.

The database is DATABASE_URL (PostgreSQL) when set, else AUDIT_DB_PATH (default ${DEFAULT_AUDIT_DB_PATH}). Every change is recorded in the
account events, by "cli:<your login name>".`;

class UsageError extends Error {}

function parse(argv: string[]): { command: string | undefined; positional: string[]; role: string | undefined; generate: boolean } {
  const positional: string[] = [];
  let role: string | undefined;
  let generate = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--role") {
      role = argv[++i];
      if (role === undefined) throw new UsageError("--role needs a value");
    } else if (arg.startsWith("--role=")) role = arg.slice("--role=".length);
    else if (arg === "--generate") generate = true;
    else if (arg === "--help" || arg === "-h") positional.unshift("help");
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const [command, ...rest] = positional;
  return { command, positional: rest, role, generate };
}

function requireOne(positional: string[], what: string): string {
  if (positional.length !== 1) throw new UsageError(`expected exactly one ${what}`);
  return positional[0]!;
}

function requireRole(value: string | undefined): Role {
  if (!isRole(value)) throw new UsageError(`the role must be one of ${ROLES.join(", ")}`);
  return value;
}

async function passwordInput(io: CliIo, generate: boolean, username: string): Promise<string | undefined> {
  if (generate) return undefined;
  const typed = await io.readPassword(`Password for ${username} (empty to generate one): `);
  return typed === "" ? undefined : typed;
}

function showGenerated(io: CliIo, username: string, password: string | null): void {
  if (password) io.out(`Generated password for ${username} (shown once, not stored): ${password}`);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

async function run(context: UserAdminContext, io: CliIo, argv: string[]): Promise<void> {
  const { command, positional, role, generate } = parse(argv);
  switch (command) {
    case "add": {
      const username = requireOne(positional, "username");
      const chosenRole = requireRole(role);
      const { user, generatedPassword } = await addUser(context, { username, role: chosenRole, password: await passwordInput(io, generate, username) });
      io.out(`Created ${user.username} (${user.role}).`);
      showGenerated(io, user.username, generatedPassword);
      return;
    }
    case "list": {
      const users = await listUsers(context.store);
      if (users.length === 0) {
        io.out("No accounts yet. Create one with: npm run users -- add <username> --role admin");
        return;
      }
      io.out(`${pad("USERNAME", 24)}${pad("ROLE", 10)}${pad("STATUS", 10)}${pad("MODE", 16)}LAST SIGN-IN`);
      for (const user of users) {
        io.out(
          `${pad(user.username, 24)}${pad(user.role, 10)}${pad(user.disabledAt ? "disabled" : "active", 10)}${pad(user.simulatorOnly ? "simulator only" : "all", 16)}${user.lastSignInAt ?? "never"}`,
        );
      }
      return;
    }
    case "set-role": {
      if (positional.length !== 2 && !(positional.length === 1 && role)) throw new UsageError("expected a username and a role");
      const username = positional[0]!;
      const user = await setUserRole(context, username, requireRole(positional[1] ?? role));
      io.out(`${user.username} is now ${user.role}.`);
      return;
    }
    case "disable":
    case "enable": {
      const user = await setUserDisabled(context, requireOne(positional, "username"), command === "disable");
      io.out(`${user.username} is ${user.disabledAt ? "disabled: its sessions have ended" : "enabled"}.`);
      return;
    }
    case "reset-password": {
      const username = requireOne(positional, "username");
      const { user, generatedPassword } = await resetPassword(context, username, await passwordInput(io, generate, username));
      io.out(`New password set for ${user.username}; its sessions have ended.`);
      showGenerated(io, user.username, generatedPassword);
      return;
    }
    case "unlock": {
      const username = requireOne(positional, "username");
      const wasThrottled = await unlockUser(context, username);
      io.out(wasThrottled ? `Sign-in for ${username} is unlocked.` : `${username} was not locked.`);
      return;
    }
    case undefined:
    case "help":
      io.out(USAGE);
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** Runs one command; returns the process exit code (0 done, 1 refused, 2 usage or setup problem). */
export async function runUsersCommand(argv: string[], io: CliIo): Promise<number> {
  let store: AuditStore | null = null;
  try {
    const config = parseConfig(io.env);
    const { command } = parse(argv);
    if (command === undefined || command === "help") {
      io.out(USAGE);
      return 0;
    }
    store = await openConfiguredDatabase(config);
    await run({ store, mode: config.DTS_MODE, actor: cliActor() }, io, argv);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`users: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof UserError) {
      io.err(`users: ${error.message}`);
      return 1;
    }
    if (error instanceof z.ZodError) {
      // The messages name the rule broken, never the value given.
      io.err(`users: ${error.issues.map((i) => i.message).join("; ")}`);
      return 1;
    }
    io.err(`users: ${(error as Error).message}`);
    return 2;
  } finally {
    await store?.close();
  }
}
