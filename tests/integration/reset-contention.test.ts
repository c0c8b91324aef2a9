// Exactly one ResetDtsJob per task and direction under contention, and no DTS call for a bad
// request: the real reset route handler (Request in, Response out), the real simulator over HTTP
// (its call log is the witness), a real SQLite file, in this process and across two processes.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { SEED_FIXTURES } from "@/simulator/seed-fixtures";
import { SIM_KEY, startHarness, type Harness } from "./dts-harness";
import { BASE, callReset, forwardCall, params, readAnswer, resetRequest, type ResetAnswer, type ResetCall, type RouteHandler } from "./reset-route-client";
import { routeSuiteLifecycle } from "./route-suite";

const { oneWayRunning, twoWayRunning, prechecking } = SEED_FIXTURES;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reset-contention-"));
const dbFile = path.join(dir, "audit.sqlite");
const saved = { ...process.env };
const env = {
  AUDIT_DB_PATH: dbFile,
  DTS_MODE: "simulator",
  LOG_LEVEL: "silent",
  SIMULATOR_ACCESS_KEY_ID: SIM_KEY.accessKeyId,
  SIMULATOR_ACCESS_KEY_SECRET: SIM_KEY.accessKeySecret,
};

let h: Harness;
let reset: RouteHandler;
let cookie: string;

beforeAll(async () => {
  // Twenty console processes, each pacing itself, burst past the account's read limit on purpose:
  // this test is about resets under contention, not about the quota.
  h = await startHarness({ rateLimit: false });
  Object.assign(process.env, env, { DTS_ENDPOINT: h.url });
  reset = ((await import("@/app/api/jobs/[jobId]/reset/route")) as unknown as { POST: RouteHandler }).POST;
  const signIn = ((await import("@/app/api/auth/sign-in/route")) as unknown as { POST: RouteHandler }).POST;
  const response = await signIn(
    new Request(`${BASE}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "demo", password: "dts-demo-password" }),
    }),
    params({}),
  );
  expect(response.status).toBe(200);
  cookie = response.headers.get("set-cookie")!.split(";")[0]!;
});
routeSuiteLifecycle(() => ({ harness: h, env: saved, dir }));

function forward(overrides: Record<string, unknown> = {}): ResetCall {
  return forwardCall("Stuck after DDL on member.profile", overrides);
}

function reverse(overrides: Record<string, unknown> = {}): ResetCall {
  return forward({ direction: "Reverse", confirmation: twoWayRunning.reverseJobId!, ...overrides });
}

/** Ten calls of one direction: keys shared by four, by three, and three calls with keys of their own or none. */
function mixedKeys(make: (o?: Record<string, unknown>) => ResetCall, prefix: string): ResetCall[] {
  return [
    ...Array.from({ length: 4 }, () => make({ idempotencyKey: `${prefix}-shared-a` })),
    ...Array.from({ length: 3 }, () => make({ idempotencyKey: `${prefix}-shared-b` })),
    make({ idempotencyKey: `${prefix}-own-0001` }),
    make({ idempotencyKey: `${prefix}-own-0002` }),
    make(),
  ];
}

async function resetCalls(): Promise<Array<{ direction: string; verdict: string }>> {
  return (await h.calls("ResetDtsJob")).map((c) => ({ direction: c.params.SynchronizationDirection ?? "Forward", verdict: c.verdict }));
}

function attemptsIn(file: string): Array<{ id: string; direction: string; status: string; idempotency_key: string | null }> {
  const raw = new Database(file, { readonly: true });
  try {
    return raw.prepare("select id, direction, status, idempotency_key from reset_attempts where instance_id = ? order by requested_at").all(twoWayRunning.instanceId) as never;
  } finally {
    raw.close();
  }
}

/**
 * For one direction: exactly one answer did the reset; every other one is a refusal that sent
 * nothing (in progress, or just reset by that one) or a replay of that very record by its key.
 */
function expectOneReset(answers: ResetAnswer[], calls: ResetCall[], direction: string): string {
  const mine = answers.map((a, i) => ({ a, call: calls[i]! })).filter(({ a }) => a.direction === direction);
  const done = mine.filter(({ a }) => a.status === 200 && a.replayed === false);
  expect(done, JSON.stringify(mine.map(({ a }) => a))).toHaveLength(1);
  const winner = done[0]!;
  for (const { a, call } of mine) {
    if (a === winner.a) continue;
    if (a.status === 200) {
      expect(a).toMatchObject({ replayed: true, resetId: winner.a.resetId });
      expect(call.body.idempotencyKey).toBe(winner.call.body.idempotencyKey);
    } else {
      expect(a.status, JSON.stringify(a)).toBe(409);
      expect(["reset_in_progress", "task_just_reset"]).toContain(a.code);
    }
    if (a.code === "task_just_reset") expect(a.resetId).toBe(winner.a.resetId);
  }
  return winner.a.resetId!;
}

describe("resets under contention", () => {
  it("twenty at once on both directions of a two-way task send one ResetDtsJob per direction", async () => {
    const calls = [...mixedKeys(forward, "fwd"), ...mixedKeys(reverse, "rev")];
    const answers = await Promise.all(calls.map((call) => callReset(reset, cookie, call)));

    expect((await resetCalls()).sort((a, b) => a.direction.localeCompare(b.direction))).toEqual([
      { direction: "Forward", verdict: "ok" },
      { direction: "Reverse", verdict: "ok" },
    ]);
    const forwardId = expectOneReset(answers, calls, "Forward");
    const reverseId = expectOneReset(answers, calls, "Reverse");
    const recorded = attemptsIn(dbFile);
    expect(recorded.filter((r) => r.id === forwardId || r.id === reverseId).map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
    expect(recorded).toHaveLength(2); // the refused requests wrote nothing

    // Every call sent again later, one at a time: a replay when its key did the reset, otherwise a
    // refusal based on the task as it is now (Not Configured). Still no further call.
    const again: ResetAnswer[] = [];
    for (const call of calls) again.push(await callReset(reset, cookie, call));
    again.forEach((a, i) => {
      const winner = answers.find((w) => w.direction === a.direction && w.replayed === false)!;
      const sameKey = calls[i]!.body.idempotencyKey !== undefined && calls[i]!.body.idempotencyKey === calls[answers.indexOf(winner)]!.body.idempotencyKey;
      expect(a).toMatchObject(sameKey ? { status: 200, replayed: true, resetId: winner.resetId } : { status: 409, code: "not_resettable" });
    });
    expect(await resetCalls()).toHaveLength(2);
  });

  it("refuses with task_just_reset a request received before another reset of the task completed", async () => {
    // Request B is received (the route wrapper notes when) and authenticated, then waits for its
    // body: the test hands the body over only after request A has completed its reset.
    let bodyWanted!: () => void;
    const wanted = new Promise<void>((resolve) => (bodyWanted = resolve));
    let handOver!: (controller: ReadableStreamDefaultController<Uint8Array>) => void;
    const gate = new Promise<ReadableStreamDefaultController<Uint8Array>>((resolve) => (handOver = resolve));
    const late = forward({ idempotencyKey: "late-request-0001" });
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          bodyWanted();
          handOver(controller);
          await new Promise(() => undefined); // the test enqueues and closes
        },
      },
      { highWaterMark: 0 },
    );
    const pendingB = reset(resetRequest({ jobId: late.jobId, cookie, body }), params({ jobId: late.jobId }));
    await wanted;

    const a = await callReset(reset, cookie, forward());
    expect(a).toMatchObject({ status: 200, replayed: false });

    const controller = await gate;
    controller.enqueue(new TextEncoder().encode(JSON.stringify(late.body)));
    controller.close();
    const b = await readAnswer(await pendingB, "Forward");
    expect(b).toEqual({ status: 409, code: "task_just_reset", replayed: null, resetId: a.resetId, direction: "Forward" });

    // A request sent after the reset sees the task as it is now (Not Configured): not_resettable.
    expect(await callReset(reset, cookie, forward())).toMatchObject({ status: 409, code: "not_resettable" });
    expect(await resetCalls()).toEqual([{ direction: "Forward", verdict: "ok" }]);
    expect(attemptsIn(dbFile).some((r) => r.idempotency_key === "late-request-0001")).toBe(false);
  });

  it("sends one ResetDtsJob per direction across two processes sharing the store", { timeout: 120_000 }, async () => {
    const calls = [...mixedKeys(forward, "mp-fwd"), ...mixedKeys(reverse, "mp-rev")];
    // Interleave, so each process sends both directions and some of the shared keys.
    const shares = [calls.filter((_, i) => i % 2 === 0), calls.filter((_, i) => i % 2 === 1)];
    const children = shares.map((share) =>
      spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(__dirname, "reset-contention-child.ts"), cookie, JSON.stringify(share)], {
        cwd: path.join(__dirname, "../.."),
        env: { ...process.env, ...env, DTS_ENDPOINT: h.url },
        stdio: ["pipe", "pipe", "inherit"],
      }),
    );
    const outputs = children.map((child) => readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]());
    // Wait until both are loaded and connected, then start them together.
    for (const output of outputs) expect((await output.next()).value).toBe("ready");
    // DTS holds the winning ResetDtsJob of each direction until both processes have fired their
    // calls: the processes provably overlap (a winner cannot finish before the other has started),
    // whatever the machine's load.
    await h.control("holds", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: "ResetDtsJob", count: 2, runAt: "release" }) });
    for (const child of children) child.stdin.write("go\n");
    const started = await Promise.all(outputs.map(async (output) => (JSON.parse((await output.next()).value as string) as { startedAt: number }).startedAt));
    await expect.poll(async () => ((await (await h.control("holds")).json()) as { held: unknown[] }).held.length, { timeout: 60_000 }).toBe(2);
    await h.control("holds/release", { method: "POST" });
    const finished = await Promise.all(outputs.map(async (output) => JSON.parse((await output.next()).value as string) as { finishedAt: number; answers: ResetAnswer[] }));
    // Each process started its calls before either had its answers.
    expect(Math.max(...started)).toBeLessThan(Math.min(...finished.map((f) => f.finishedAt)));
    const results = finished.map((f) => f.answers);
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(null)))));
    expect(children.map((c) => c.exitCode)).toEqual([0, 0]);

    const answers = results.flat();
    const ordered = [...shares[0]!, ...shares[1]!];
    expect((await resetCalls()).map((c) => c.direction).sort()).toEqual(["Forward", "Reverse"]);
    expectOneReset(answers, ordered, "Forward");
    expectOneReset(answers, ordered, "Reverse");
  });
});

describe("bad requests get a 4xx and send nothing to DTS", () => {
  const valid = {
    region: oneWayRunning.region,
    instanceId: oneWayRunning.instanceId,
    direction: "Forward",
    confirmation: oneWayRunning.jobId,
    reason: "Stuck after DDL on orders.order_item",
  };

  async function send(jobId: string, body: BodyInit, headers: Record<string, string> = {}) {
    const response = await reset(resetRequest({ jobId, cookie, body, headers }), params({ jobId }));
    return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
  }

  it.each(([
    ["malformed JSON", oneWayRunning.jobId, "{not json", 400, "invalid_request"],
    ["a JSON array", oneWayRunning.jobId, JSON.stringify([valid]), 400, "invalid_request"],
    ["a JSON string", oneWayRunning.jobId, JSON.stringify("reset please"), 400, "invalid_request"],
    ["a deeply nested body", oneWayRunning.jobId, `{"reason":${"[".repeat(2000)}${"]".repeat(2000)}}`, 400, "invalid_request"],
    ["a 1 MiB body", oneWayRunning.jobId, JSON.stringify({ ...valid, reason: "x".repeat(1024 * 1024) }), 413, "payload_too_large"],
    ["an unknown region", oneWayRunning.jobId, JSON.stringify({ ...valid, region: "mars-north-1" }), 400, "invalid_request"],
    ["a NUL in the reason", oneWayRunning.jobId, JSON.stringify({ ...valid, reason: "stuck\u0000after DDL" }), 400, "invalid_request"],
    ["an escape sequence in the reason", oneWayRunning.jobId, JSON.stringify({ ...valid, reason: "stuck \u001b[2J" }), 400, "invalid_request"],
    ["a C1 control in the instance", oneWayRunning.jobId, JSON.stringify({ ...valid, instanceId: `${oneWayRunning.instanceId}\u0085` }), 400, "invalid_request"],
    ["a traversal in the task ID", "../../admin", JSON.stringify(valid), 400, "invalid_request"],
    ["an encoded traversal in the task ID", "..%2F..%2Fadmin", JSON.stringify(valid), 400, "invalid_request"],
    ["odd characters in the task ID", "l3m1213ye7l3k2j;rm", JSON.stringify(valid), 400, "invalid_request"],
  ] as const).map(([name, jobId, body, status, code]) => ({ name, jobId, body, status, code })))("$name → $status $code, no DTS call", async ({ jobId, body, status, code }) => {
    const answer = await send(jobId, body);
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(typeof answer.body.error.message).toBe("string");
    expect(await h.calls()).toHaveLength(0);
  });

  it("refuses a body declared over the limit before reading it", async () => {
    const answer = await send(oneWayRunning.jobId, JSON.stringify(valid), { "content-length": String(10 * 1024 * 1024) });
    expect(answer).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
    expect(await h.calls()).toHaveLength(0);
  });

  it("refuses the instance of another task with task_mismatch, reading DTS but never resetting", async () => {
    const answer = await send(oneWayRunning.jobId, JSON.stringify({ ...valid, instanceId: prechecking.instanceId }));
    expect(answer).toMatchObject({ status: 409, body: { error: { code: "task_mismatch" } } });
    expect(await h.calls("ResetDtsJob")).toHaveLength(0);
  });

  it("keeps the reason's line breaks and tabs", async () => {
    const answer = await send(oneWayRunning.jobId, JSON.stringify({ ...valid, reason: "Stuck after DDL:\n\tcolumn dropped" }));
    expect(answer.status).toBe(200);
    expect(await h.calls("ResetDtsJob")).toHaveLength(1);
  });
});
