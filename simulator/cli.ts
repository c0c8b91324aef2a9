// `npm run simulator -- --port 4010 [...]`: runs the DTS simulator until SIGINT/SIGTERM.
// Prints one line with the address, never a secret. Options: see cli-args.ts (or --help).

import { CLI_USAGE, CliUsageError, parseCliArgs } from "./cli-args";
import { startSimulator } from "./index";

async function main(): Promise<void> {
  let command;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${CLI_USAGE}\n`);
    process.exit(2);
  }
  if (command.help) {
    process.stdout.write(`${CLI_USAGE}\n`);
    return;
  }

  const simulator = await startSimulator(command.options);
  process.stdout.write(`DTS simulator listening on ${simulator.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`DTS simulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
