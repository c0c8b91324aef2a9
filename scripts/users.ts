// The users CLI: npm run users -- <command> (see scripts/users-command.ts for the commands).
// Passwords come from standard input: typed without echo on a terminal, or piped.
import { runUsersCommand } from "./users-command";

/** Reads a line from a terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let typed = "";
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") return finish();
        if (char === "\u0003") return finish(new Error("cancelled"));
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on("data", onData);
  });
}

async function promptTwice(prompt: string): Promise<string> {
  const first = await promptHidden(prompt);
  if (first === "") return first;
  const second = await promptHidden("Repeat the password: ");
  if (first !== second) throw new Error("the two passwords differ");
  return first;
}

/** Piped input: the first line (a trailing newline is not part of the password). */
async function readPipedLine(): Promise<string> {
  let text = "";
  process.stdin.setEncoding("utf8");
  for await (const chunk of process.stdin) text += chunk as string;
  return text.split(/\r?\n/)[0] ?? "";
}

async function main() {
  const code = await runUsersCommand(process.argv.slice(2), {
    readPassword: (prompt) => (process.stdin.isTTY ? promptTwice(prompt) : readPipedLine()),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  });
  process.exitCode = code;
}

void main();
