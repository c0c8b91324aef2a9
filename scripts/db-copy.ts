// `npm run db:copy -- --from <sqlite path> --to <postgres url>`: copies every table of a SQLite
// database into an empty PostgreSQL database (migrating both to this version's schema first),
// verifies the row counts, and refuses a target that already holds records. Stop the console on
// the SQLite file first. Exit codes: 0 copied, 1 refused or failed, 2 usage.
import fs from "node:fs";
import { copySqliteToPostgres, CopyRefusedError } from "../lib/db/copy";
import { describePostgresUrl, isPostgresUrl } from "../lib/db/dialect";
import { openPostgres } from "../lib/db/postgres";
import { openSqlite } from "../lib/db/sqlite";

const USAGE = "usage: npm run db:copy -- --from <sqlite file> --to <postgres://user:password@host:port/db>";

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const from = option(argv, "--from");
  const to = option(argv, "--to");
  if (!from || !to || !isPostgresUrl(to)) {
    console.error(USAGE);
    return 2;
  }
  if (!fs.existsSync(from)) {
    console.error(`db:copy: no SQLite file at ${from}`);
    return 2;
  }
  const source = await openSqlite({ path: from });
  try {
    const target = await openPostgres({ url: to });
    try {
      console.log(`db:copy: ${source.path} → ${describePostgresUrl(to)}`);
      const report = await copySqliteToPostgres(source, target, (line) => console.log(`  ${line}`));
      const total = report.tables.reduce((sum, t) => sum + t.rows, 0);
      console.log(`db:copy: copied ${total} rows in ${report.tables.length} tables; counts verified`);
      return 0;
    } finally {
      await target.close();
    }
  } catch (error) {
    console.error(`db:copy: ${error instanceof CopyRefusedError ? "refused: " : ""}${(error as Error).message}`);
    return 1;
  } finally {
    await source.close();
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
