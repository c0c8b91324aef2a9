// Append-only rules declared once and rendered to both dialects' triggers. A table's rules are
// data (which columns are written once, which status moves are allowed, whether rows may be
// deleted); SQLite gets `RAISE(ABORT, ...)` triggers and PostgreSQL a plpgsql trigger function,
// from the same declaration, so the two cannot drift. tests/unit/db-append-only.test.ts runs each
// rule against both engines.
// Not `server-only`: migrations run under tsx (scripts/serve.ts, the CLIs).
import { sql, type Kysely } from "kysely";
import { dialectOf } from "./dialect";

export interface AppendOnlyRules {
  table: string;
  /** A name for these triggers, unique per table (several declarations may cover one table). */
  name: string;
  /** Columns written at insert that no UPDATE may change. */
  immutable?: readonly string[];
  /** Allowed moves of a status column: from → to. Any other change of the column is refused. */
  transitions?: { column: string; allowed: Readonly<Record<string, readonly string[]>> };
  /** Refuse every DELETE. */
  refuseDelete?: boolean;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  // Rules are code, not input; still, nothing but a plain identifier is ever spliced into DDL.
  if (!IDENTIFIER.test(name)) throw new RangeError(`Not a plain SQL identifier: ${name}`);
  return name;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The condition under which an UPDATE breaks the transition rule, in either dialect. */
function transitionViolation(rules: Required<Pick<AppendOnlyRules, "transitions">>["transitions"], distinct: (a: string, b: string) => string): string {
  const column = identifier(rules.column);
  const moves = Object.entries(rules.allowed).map(
    ([from, to]) => `(OLD.${column} = ${literal(from)} AND NEW.${column} IN (${to.map(literal).join(", ")}))`,
  );
  return `${distinct(`NEW.${column}`, `OLD.${column}`)} AND NOT (${moves.length ? moves.join(" OR ") : "FALSE"})`;
}

function sqliteStatements(rules: AppendOnlyRules): string[] {
  const table = identifier(rules.table);
  const name = `${table}_${identifier(rules.name)}`;
  const statements: string[] = [];
  if (rules.refuseDelete) {
    statements.push(`CREATE TRIGGER ${name}_refuse_delete BEFORE DELETE ON ${table}
      BEGIN SELECT RAISE(ABORT, ${literal(`${table} is append-only: rows cannot be deleted`)}); END`);
  }
  const checks: string[] = [];
  if (rules.immutable?.length) {
    const changed = rules.immutable.map((c) => `NEW.${identifier(c)} IS NOT OLD.${identifier(c)}`).join(" OR ");
    checks.push(`SELECT RAISE(ABORT, ${literal(`${table}: columns written at insert cannot change`)}) WHERE ${changed};`);
  }
  if (rules.transitions) {
    const violation = transitionViolation(rules.transitions, (a, b) => `${a} IS NOT ${b}`);
    checks.push(`SELECT RAISE(ABORT, ${literal(`${table}: illegal ${rules.transitions.column} transition`)}) WHERE ${violation};`);
  }
  if (checks.length) statements.push(`CREATE TRIGGER ${name}_guard_update BEFORE UPDATE ON ${table} BEGIN ${checks.join(" ")} END`);
  return statements;
}

function postgresStatements(rules: AppendOnlyRules): string[] {
  const table = identifier(rules.table);
  const name = `${table}_${identifier(rules.name)}`;
  const statements: string[] = [];
  if (rules.refuseDelete) {
    statements.push(`CREATE FUNCTION ${name}_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION ${literal(`${table} is append-only: rows cannot be deleted`)}; END $$`);
    statements.push(`CREATE TRIGGER ${name}_refuse_delete BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}_refuse_delete()`);
  }
  const checks: string[] = [];
  if (rules.immutable?.length) {
    const changed = rules.immutable.map((c) => `NEW.${identifier(c)} IS DISTINCT FROM OLD.${identifier(c)}`).join(" OR ");
    checks.push(`IF ${changed} THEN RAISE EXCEPTION ${literal(`${table}: columns written at insert cannot change`)}; END IF;`);
  }
  if (rules.transitions) {
    const violation = transitionViolation(rules.transitions, (a, b) => `${a} IS DISTINCT FROM ${b}`);
    checks.push(`IF ${violation} THEN RAISE EXCEPTION ${literal(`${table}: illegal ${rules.transitions.column} transition`)}; END IF;`);
  }
  if (checks.length) {
    statements.push(`CREATE FUNCTION ${name}_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN ${checks.join(" ")} RETURN NEW; END $$`);
    statements.push(`CREATE TRIGGER ${name}_guard_update BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}_guard_update()`);
  }
  return statements;
}

/** The DDL that enforces `rules` on one dialect (exported for the tests and for review). */
export function appendOnlyDdl(rules: AppendOnlyRules, dialect: "sqlite" | "postgres"): string[] {
  return dialect === "postgres" ? postgresStatements(rules) : sqliteStatements(rules);
}

/** Creates the triggers that enforce `rules`, on whichever engine `db` is. */
export async function createAppendOnlyTriggers(db: Kysely<unknown>, rules: AppendOnlyRules): Promise<void> {
  for (const statement of appendOnlyDdl(rules, dialectOf(db))) await sql.raw(statement).execute(db);
}
