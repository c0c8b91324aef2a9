// A notification survives the death of the console process delivering it (issue 24): real console
// processes (notify-child.ts: the real route handlers and the real delivery worker) killed with
// SIGKILL after the reset committed its event and while the receiver holds the post (the state
// change is done, the delivery is not). On SQLite the restarted process delivers it; on PostgreSQL
// the surviving instance takes it over once the dead one's lease runs out; either way with the
// same webhook-id, accepted once. On PostgreSQL two live instances also deliver each of many
// events exactly once. Nothing sleeps for a guessed time: the receiver's requests are awaited.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import type { DeliveryView } from "@/lib/domain/notification-views";
import { PG_TEST_URL } from "../unit/audit-helpers";
import { JsonLineChild } from "./json-line-child";
import { SIM_KEY, startHarness, type Harness } from "./dts-harness";
import { Receiver, until } from "./notify-receiver";
import type { NotifyChildCommand, NotifyRouteName, RouteAnswer } from "./notify-child";

const { oneWayRunning, twoWayRunning } = SEED_FIXTURES;

class Console extends JsonLineChild<NotifyChildCommand> {
  static async start(env: NodeJS.ProcessEnv): Promise<Console> {
    const { child, lines } = await JsonLineChild.spawnReady("notify-child.ts", env);
    return new Console(child, lines);
  }

  route(route: NotifyRouteName, pathname: string, options: { method?: string; cookie?: string; body?: unknown; params?: Record<string, string> } = {}): Promise<RouteAnswer> {
    return this.send<RouteAnswer>({ op: "route", route, path: pathname, ...options });
  }

  async signIn(username: string): Promise<string> {
    const answer = await this.route("signIn", "/api/auth/sign-in", { method: "POST", body: { username, password: "dts-demo-password" } });
    expect(answer.status).toBe(200);
    return answer.setCookie!.split(";")[0]!;
  }

  async deliveries(cookie: string): Promise<DeliveryView[]> {
    const answer = await this.route("deliveries", "/api/admin/notification-deliveries", { cookie });
    expect(answer.status).toBe(200);
    return (answer.body as { deliveries: DeliveryView[] }).deliveries;
  }

  async addWebhook(cookie: string, url: string): Promise<void> {
    const answer = await this.route("createChannel", "/api/admin/notification-channels", { method: "POST", cookie, body: { kind: "webhook", name: "audit", url } });
    expect(answer.status).toBe(201);
  }

  reset(cookie: string, task: { jobId: string; region: string; instanceId: string }, reason: string): Promise<RouteAnswer> {
    return this.route("reset", `/api/jobs/${task.jobId}/reset`, {
      method: "POST",
      cookie,
      params: { jobId: task.jobId },
      body: { region: task.region, instanceId: task.instanceId, direction: "Forward", confirmation: task.jobId, reason },
    });
  }
}

function consoleEnv(h: Harness, db: Record<string, string>, key: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DTS_MODE: "simulator",
    DTS_ENDPOINT: h.url,
    LOG_LEVEL: "silent",
    SIMULATOR_ACCESS_KEY_ID: SIM_KEY.accessKeyId,
    SIMULATOR_ACCESS_KEY_SECRET: SIM_KEY.accessKeySecret,
    NOTIFY_SECRET_KEY: key,
    NOTIFY_ALLOW_LOOPBACK: "true",
    // The lease of a webhook delivery is the timeout + 2 s: a survivor takes over 5 s after the take.
    NOTIFY_TIMEOUT_MS: "3000",
    NOTIFY_RETRY_BASE_MS: "10",
    ...extra,
  };
  delete env.DATABASE_URL;
  delete env.AUDIT_DB_PATH;
  return { ...env, ...db };
}

/** The first post held (its worker will die holding it); every later one accepted. */
function holdTheFirst(receiver: Receiver): void {
  receiver.answer = (r) => (r.n === 1 ? "hold" : { status: 200 });
}

async function expectDeliveredOnce(receiver: Receiver, survivor: Console, cookie: string): Promise<void> {
  const [first, second] = await receiver.waitFor(2, 60_000);
  expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
  expect(JSON.parse(second!.body)).toMatchObject({ type: "reset.succeeded" });
  const [delivery] = await until("the delivery delivered", async () => {
    const list = await survivor.deliveries(cookie);
    return list[0]?.status === "delivered" ? list : undefined;
  }, 60_000);
  expect(delivery).toMatchObject({ eventType: "reset.succeeded", eventId: first!.headers["webhook-id"], attempts: 1, lastStatus: 200 });
  expect(receiver.requests).toHaveLength(2);
}

describe("a SIGKILL mid-delivery on SQLite", { timeout: 120_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "notify-crash-"));
  let h: Harness;
  let receiver: Receiver;
  const started: Console[] = [];

  beforeAll(async () => {
    h = await startHarness({ rateLimit: false });
  });
  beforeEach(async () => {
    await h.control("reset", { method: "POST" });
    receiver = await Receiver.start();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((c) => c.stop()));
    await receiver.close();
  });
  afterAll(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the restarted process delivers the event the dead one was posting, with the same webhook-id", async () => {
    const env = consoleEnv(h, { AUDIT_DB_PATH: path.join(dir, "audit.sqlite") }, randomBytes(32).toString("base64"));
    const first = await Console.start(env);
    started.push(first);
    const admin = await first.signIn("demo-admin");
    await first.addWebhook(admin, receiver.url());
    holdTheFirst(receiver);
    const operator = await first.signIn("demo");
    const answer = await first.reset(operator, oneWayRunning, "notify crash test");
    expect(answer.status).toBe(200); // the reset never waits for its notification
    await receiver.waitFor(1);
    await first.kill();

    const second = await Console.start(env);
    started.push(second);
    await expectDeliveredOnce(receiver, second, await second.signIn("demo-admin"));
  });
});

describe.skipIf(!PG_TEST_URL)("several console processes on PostgreSQL", { timeout: 120_000 }, () => {
  let h: Harness;
  let receiver: Receiver;
  let schema: string;
  const started: Console[] = [];
  const key = randomBytes(32).toString("base64");

  beforeAll(async () => {
    h = await startHarness({ rateLimit: false });
  });
  beforeEach(async () => {
    await h.control("reset", { method: "POST" });
    receiver = await Receiver.start();
    schema = `notify_${randomBytes(5).toString("hex")}`;
    const client = new pg.Client({ connectionString: PG_TEST_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((c) => c.stop()));
    await receiver.close();
    const client = new pg.Client({ connectionString: PG_TEST_URL });
    await client.connect();
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  });
  afterAll(async () => {
    await h?.close();
  });

  const dbEnv = () => {
    const url = new URL(PG_TEST_URL!);
    url.searchParams.set("options", `-c search_path=${schema}`);
    return { DATABASE_URL: url.toString() };
  };

  it("the survivor takes over the delivery a killed instance was posting: delivered once, same webhook-id", async () => {
    const a = await Console.start(consoleEnv(h, dbEnv(), key));
    started.push(a);
    const admin = await a.signIn("demo-admin");
    await a.addWebhook(admin, receiver.url());
    holdTheFirst(receiver);
    const operator = await a.signIn("demo");
    expect((await a.reset(operator, oneWayRunning, "notify crash test")).status).toBe(200);
    await receiver.waitFor(1); // a's worker is posting (the only worker yet)
    // The second instance is up while the first still holds the lease; then the first dies.
    const b = await Console.start(consoleEnv(h, dbEnv(), key));
    started.push(b);
    await a.kill();
    await expectDeliveredOnce(receiver, b, await b.signIn("demo-admin"));
  });

  it("two live instances deliver each of many events exactly once", async () => {
    const env = consoleEnv(h, dbEnv(), key, { RESET_APPROVAL: "required" });
    const [a, b] = await Promise.all([Console.start(env), Console.start(env)]);
    started.push(a!, b!);
    const admin = await a!.signIn("demo-admin");
    await a!.addWebhook(admin, receiver.url());
    const operators = [await a!.signIn("demo"), await b!.signIn("demo")];
    const EVENTS = 10;
    // Each request is a reset.requested event, written by either instance.
    const answers = await Promise.all(
      Array.from({ length: EVENTS }, (_, n) => [a!, b!][n % 2]!.reset(operators[n % 2]!, n % 4 < 2 ? oneWayRunning : twoWayRunning, `request ${n}`)),
    );
    expect(answers.map((x) => x.status)).toEqual(Array.from({ length: EVENTS }, () => 202));
    await receiver.waitFor(EVENTS, 60_000);
    await until("every delivery delivered", async () => {
      const list = await b!.deliveries(admin);
      return list.length === EVENTS && list.every((d) => d.status === "delivered") ? true : undefined;
    }, 60_000);
    const ids = receiver.requests.map((r) => r.headers["webhook-id"]);
    expect(ids).toHaveLength(EVENTS);
    expect(new Set(ids).size).toBe(EVENTS);
  });
});
