// The session the benchmarks run with. The console wants a signed-in user (401 without one), so
// the run signs in once through POST /api/auth/sign-in, exactly as the sign-in page does, and
// sends the session cookie with every request: the figures are what a signed-in operator gets,
// session lookup included. In simulator mode the console creates demo accounts at start-up;
// BENCH_USERNAME / BENCH_PASSWORD choose another account.
import { DEMO_USERS, DEMO_PASSWORD } from "../../lib/auth/demo-users";
import { LIST_PATH } from "./targets";

export interface Session {
  /** Headers to send with every request (the session cookie), empty when none is needed. */
  headers: Record<string, string>;
  /** The same cookies for the browser context (Playwright). */
  cookies: Array<{ name: string; value: string }>;
  /** One line for the report: how requests were authenticated. */
  description: string;
}

function demoOperator(): { username: string; password: string } {
  const account = DEMO_USERS.find((a) => a.role === "operator") ?? DEMO_USERS[0];
  if (!account) throw new Error("lib/auth/demo-accounts.ts lists no demo account to sign in with");
  return { username: account.username, password: DEMO_PASSWORD };
}

/**
 * Signs in, then checks that the cookie opens the task list. A console without sign-in (the
 * list answers without a cookie) is measured unauthenticated, and the report says so.
 */
export async function establishSession(baseUrl: string): Promise<Session> {
  const probe = await fetch(`${baseUrl}${LIST_PATH}`, { redirect: "manual" });
  await probe.arrayBuffer();
  if (probe.ok) return { headers: {}, cookies: [], description: "unauthenticated: the task list answered without a session" };
  if (probe.status !== 401) throw new Error(`GET ${LIST_PATH} answered ${probe.status} before any measurement`);

  const fromEnv = process.env.BENCH_USERNAME && process.env.BENCH_PASSWORD;
  const { username, password } = fromEnv
    ? { username: process.env.BENCH_USERNAME as string, password: process.env.BENCH_PASSWORD as string }
    : demoOperator();
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ username, password }),
  });
  const answer = (await response.json().catch(() => null)) as { user?: { role?: string } } | null;
  if (!response.ok) throw new Error(`sign-in as ${username} answered ${response.status}: ${JSON.stringify(answer)}`);
  const cookies = cookiesFrom(response);
  const headers: Record<string, string> = cookies.length ? { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") } : {};

  const check = await fetch(`${baseUrl}${LIST_PATH}`, { headers });
  await check.arrayBuffer();
  if (!check.ok) throw new Error(`signed in as ${username}, but GET ${LIST_PATH} still answered ${check.status}`);
  return {
    headers,
    cookies,
    description:
      `signed in as "${username}" (${answer?.user?.role ?? "?"}${fromEnv ? ", from BENCH_USERNAME" : ", the simulator-mode demo account"}) ` +
      "through POST /api/auth/sign-in; every request carries the session cookie",
  };
}

/** Name/value pairs of a response's Set-Cookie headers. */
function cookiesFrom(response: Response): Array<{ name: string; value: string }> {
  return response.headers.getSetCookie().map((line) => {
    const [pair = ""] = line.split(";");
    const eq = pair.indexOf("=");
    return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
  });
}
