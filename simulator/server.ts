// The simulator's HTTP server. A DTS request goes through the same gates as at Alibaba:
// signature → Version → Action → rate limit → (injected fault) → the action itself, on the state
// of the account the signing key belongs to. An STS AssumeRole call (Action + Version 2015-04-01)
// passes the same signature check and is then answered by sts/assume-role.ts.
// Paths under /__sim/ go to the control API instead.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { ACTION_HANDLERS } from "./actions";
import { loggableParams, type NewCallRecord } from "./call-log";
import type { SimulatorControl } from "./control";
import { handleControlRequest, isControlPath } from "./control-http";
import { internalError, invalidAction, invalidVersion, throttlingUser, type DtsError } from "./errors";
import { actOutFault, type ActionRun } from "./fault-responses";
import { API_VERSION, isSimulatedAction, type SimulatedAction } from "./model";
import { rateLimitHeaders } from "./rate-limit";
import { businessErrorReply, gatewayErrorReply, hostIdOf, jsonReply, newRequestId, successReply, type Reply, type ReplyContext } from "./replies";
import type { SimulatorRuntime } from "./runtime";
import { parseUrlEncodedPairs } from "./signing/encode";
import type { IncomingSignedRequest } from "./signing/types";
import { verifyRequest } from "./signing/verify";
import { assumeRole, isStsCall, STS_PRODUCT } from "./sts/assume-role";

/** V1 signing parameters: never part of an operation's parameters in the call log. */
const SIGNING_PARAMS = new Set([
  "AccessKeyId", "Action", "Format", "SecurityToken", "Signature", "SignatureMethod", "SignatureNonce",
  "SignatureVersion", "Timestamp", "Version",
]);

/** Timers and sockets that must not outlive the server (hanging replies, latency faults). */
class Lifecycle {
  private readonly controller = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Runs `run` after `ms` unless cancelled (returns the cancel function) or shut down. */
  later(ms: number, run: () => void): () => void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  delay(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.signal.aborted) return reject(new Error("simulator closed"));
      const onAbort = (): void => reject(new Error("simulator closed"));
      this.signal.addEventListener("abort", onAbort, { once: true });
      this.later(ms, () => {
        this.signal.removeEventListener("abort", onAbort);
        resolve();
      });
    });
  }

  shutdown(): void {
    this.controller.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  return headers;
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, { ...reply.headers, "content-length": Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

/** Every parameter of a request, query then form body, undecided whether it verifies. */
function parameterPairs(request: IncomingSignedRequest): Array<[string, string]> {
  const isForm = (request.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
  return [...parseUrlEncodedPairs(request.rawQuery), ...(isForm ? parseUrlEncodedPairs(request.body.toString("utf8")) : [])];
}

/** Whether a request carries an STS token in either scheme's place (for the call log; verify.ts judges it). */
function carriesSecurityToken(request: IncomingSignedRequest): boolean {
  if (request.headers["x-acs-security-token"]?.trim()) return true;
  return parameterPairs(request).some(([name, value]) => name === "SecurityToken" && value !== "");
}

/** What the call log can tell about a request that failed verification (decoded, signing params removed). */
function describeUnverified(request: IncomingSignedRequest): { action: string | null; params: Record<string, string> } {
  const pairs = parameterPairs(request);
  const action = request.headers["x-acs-action"] ?? pairs.find(([name]) => name === "Action")?.[1] ?? null;
  return { action, params: loggableParams(Object.fromEntries(pairs.filter(([name]) => !SIGNING_PARAMS.has(name)))) };
}

function runAction(runtime: SimulatorRuntime, account: string, action: SimulatedAction, params: Record<string, string>, context: ReplyContext): ActionRun {
  // The caller's account's tasks only: another account's job ID is as unknown as a made-up one.
  const outcome = ACTION_HANDLERS[action]({ params, state: runtime.stateOf(account), config: runtime.config });
  if (outcome.ok) return { reply: successReply(context, outcome.fields), code: null };
  return { reply: businessErrorReply(outcome.error, outcome.style ?? runtime.config.businessErrorStyle, context), code: outcome.error.code };
}

/** What the call log knows about a request before its outcome. */
type CallBase = Pick<NewCallRecord, "at" | "action" | "params" | "scheme" | "accessKeyId" | "account" | "securityToken">;

/** AssumeRole after a verified signature: answered at once (no DTS rate limit, faults or holds). */
function answerSts(runtime: SimulatorRuntime, res: ServerResponse, params: Record<string, string>, context: ReplyContext, base: CallBase): void {
  const stsContext: ReplyContext = { ...context, product: STS_PRODUCT };
  const outcome = assumeRole({
    params,
    roles: runtime.roles,
    credentials: runtime.stsCredentials,
    nowMs: runtime.now(),
    sessionSecondsOverride: runtime.config.stsSessionSecondsOverride,
    requestId: context.requestId,
  });
  // STS answers its errors in the POP gateway body, whatever DTS's business-error style is.
  const reply = outcome.ok ? jsonReply(200, outcome.body, context.requestId) : gatewayErrorReply(outcome.error, stsContext);
  send(res, reply);
  const code = outcome.ok ? null : outcome.error.code;
  runtime.recordCall({ ...base, verdict: "ok", code, httpStatus: reply.status, fault: null, faultEffect: null });
}

async function handleDtsRequest(
  runtime: SimulatorRuntime,
  lifecycle: Lifecycle,
  req: IncomingMessage,
  res: ServerResponse,
  request: IncomingSignedRequest,
): Promise<void> {
  const at = new Date(runtime.now()).toISOString();
  const context: ReplyContext = { requestId: newRequestId(), hostId: hostIdOf(request.headers.host) };
  const verified = verifyRequest(request, {
    lookupKey: (id) => runtime.lookupKey(id),
    nowMs: runtime.now,
    timestampWindowSeconds: runtime.config.timestampWindowSeconds,
    nonceStore: runtime.nonces,
  });

  const reject = (error: DtsError, base: CallBase, headers: Record<string, string> = {}): void => {
    send(res, gatewayErrorReply(error, context, headers));
    runtime.recordCall({ ...base, verdict: "rejected", code: error.code, httpStatus: error.httpStatus, fault: null, faultEffect: null });
  };

  const securityToken = carriesSecurityToken(request);
  if (!verified.ok) {
    const scheme = verified.scheme === "none" ? null : verified.scheme;
    const seen = describeUnverified(request);
    const accessKeyId = verified.accessKeyId ?? null;
    const base = { at, action: verified.action ?? seen.action, params: seen.params, scheme, accessKeyId, account: runtime.knownAccountOf(accessKeyId), securityToken };
    return reject({ httpStatus: verified.httpStatus, code: verified.code, message: verified.message }, base);
  }

  const account = runtime.accountOf(verified.accessKeyId);
  const base = {
    at, action: verified.action, params: loggableParams(verified.params), scheme: verified.scheme, accessKeyId: verified.accessKeyId, account, securityToken,
  };
  if (isStsCall(verified.action, verified.version)) return answerSts(runtime, res, verified.params, context, base);
  if (verified.version !== API_VERSION) return reject(invalidVersion(), base);
  const action = verified.action;
  if (!isSimulatedAction(action)) return reject(invalidAction(), base);

  // The rate limit sits at the gateway, before the service: a throttled call never reaches an
  // injected fault (and does not use one up).
  // Documented per account and region: every key of one account spends from the same budget.
  const { rateLimit } = runtime.config;
  const limit = action === "DescribeDtsJobs" ? rateLimit.callsPerSecond : action === "DescribeDtsJobDetail" ? rateLimit.detailCallsPerSecond : null;
  if (rateLimit.enabled && limit !== null) {
    const region = verified.params.Region ?? verified.params.RegionId ?? "";
    const key = `${action}\u0000${account}\u0000${region}`;
    const decision = runtime.limiter.check(key, limit, runtime.now());
    if (!decision.allowed) return reject(throttlingUser(), base, rateLimitHeaders(limit, decision.retryAfterMs, decision.resetAtMs));
  }

  const execute = (): ActionRun => runAction(runtime, account, action, verified.params, context);
  const proceed = async (): Promise<void> => {
    const fault = runtime.faults.take(action);
    if (!fault) {
      const run = execute();
      send(res, run.reply);
      runtime.recordCall({ ...base, verdict: "ok", code: run.code, httpStatus: run.reply.status, fault: null, faultEffect: null });
      return;
    }

    const socket = req.socket;
    const outcome = await actOutFault(fault, {
      action,
      context,
      nowMs: runtime.now,
      runAction: execute,
      send: (reply) => send(res, reply),
      resetConnection: () => socket.resetAndDestroy(),
      hang: (holdMs) => {
        // If the client gives up first (read timeout), there is nothing left to hold.
        const cancel = lifecycle.later(holdMs, () => socket.destroy());
        socket.once("close", cancel);
      },
      delay: (ms) => lifecycle.delay(ms),
    });
    runtime.recordCall({ ...base, verdict: outcome.verdict, code: outcome.code, httpStatus: outcome.httpStatus, fault: fault.kind, faultEffect: outcome.effect });
  };

  // A hold (holds.ts) sits after the gateway and before faults: the call has reached DTS.
  const hold = runtime.holds.take(action);
  if (!hold) return proceed();
  await new Promise<void>((resolve, reject) => {
    // runAt "hold": DTS acts now, only the answer waits (no fault is consulted for this call).
    const early = hold.runAt === "hold" ? execute() : undefined;
    const held = runtime.holds.park(
      hold.id,
      { action, params: loggableParams(verified.params), at, runAt: hold.runAt, applied: early !== undefined, clientClosed: false },
      {
        // Synchronous up to the first await, so a simulator reset answers held calls before it
        // restores the seed.
        release: () => {
          if (!early) {
            proceed().then(resolve, reject);
            return;
          }
          send(res, early.reply);
          runtime.recordCall({ ...base, verdict: "ok", code: early.code, httpStatus: early.reply.status, fault: null, faultEffect: null });
          resolve();
        },
        abandon: () => resolve(),
      },
    );
    res.once("close", () => {
      if (!res.writableEnded) held.clientClosed = true;
    });
  });
}

export interface SimulatorServer {
  server: Server;
  /** Stops listening, drops open connections (including hanging ones) and cancels timers. */
  close(): Promise<void>;
}

export function createSimulatorServer(runtime: SimulatorRuntime, control: SimulatorControl): SimulatorServer {
  const lifecycle = new Lifecycle();
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const handle = async (): Promise<void> => {
      const body = await readBody(req);
      const url = req.url ?? "/";
      const queryAt = url.indexOf("?");
      const path = queryAt === -1 ? url : url.slice(0, queryAt);
      const rawQuery = queryAt === -1 ? "" : url.slice(queryAt + 1);
      const method = (req.method ?? "GET").toUpperCase();
      if (isControlPath(path)) {
        send(res, handleControlRequest(control, { method, path, rawQuery, body, remoteAddress: req.socket.remoteAddress }));
        return;
      }
      await handleDtsRequest(runtime, lifecycle, req, res, { method, path, rawQuery, headers: headersOf(req), body });
    };
    handle().catch((error: unknown) => {
      if (lifecycle.signal.aborted) return;
      // A bug in the simulator must still look like DTS to the client: a 500 InternalError.
      const context = { requestId: newRequestId(), hostId: hostIdOf(req.headers.host) };
      send(res, gatewayErrorReply(internalError(), context));
      process.stderr.write(`[dts-sim] internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    });
  });

  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  return {
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        lifecycle.shutdown();
        runtime.holds.abandonAll();
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
