// Acting out an injected fault on the wire: what the client receives (or does not) for each kind,
// and, for ResetDtsJob, whether the reset took effect before the faulty answer.

import { internalError, serviceUnavailable, throttlingUser, type DtsError } from "./errors";
import { DEFAULT_HOLD_MS, DEFAULT_LATENCY_MS, type ActiveFault } from "./faults";
import type { SimulatedAction } from "./model";
import { rateLimitHeaders } from "./rate-limit";
import { dtsErrorBody, gatewayErrorReply, jsonReply, successReply, type Reply, type ReplyContext } from "./replies";

/** Actions that change DTS: a fault's `effect` says whether they took effect before the faulty reply. */
const MUTATING_ACTIONS: ReadonlySet<SimulatedAction> = new Set<SimulatedAction>(["ResetDtsJob", "ConfigureDtsJob", "ConfigureSubscription", "StartDtsJob"]);

/** An action's real reply and the error code it carried (null on success). */
export interface ActionRun {
  reply: Reply;
  code: string | null;
}

/** What a fault may do to the exchange; provided by the HTTP server. */
export interface FaultIo {
  action: SimulatedAction;
  context: ReplyContext;
  nowMs(): number;
  runAction(): ActionRun;
  send(reply: Reply): void;
  /** Drops the connection with a TCP reset and no reply. */
  resetConnection(): void;
  /** Sends nothing, then drops the connection after `holdMs`. */
  hang(holdMs: number): void;
  delay(ms: number): Promise<void>;
}

export interface FaultOutcome {
  verdict: "ok" | "fault";
  httpStatus: number | null;
  code: string | null;
  effect: "apply" | "skip" | null;
}

/** A load balancer's error page, as a gateway in front of DTS would send it. */
export const BAD_GATEWAY_HTML = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>Tengine</center>
</body>
</html>
`;

const DEFAULT_DTS_FAILURE = {
  errCode: "InternalError",
  errMessage: "The Value of Input Parameter %s is not valid.",
  dynamicMessage: "DtsJobId",
  httpStatusCode: 500,
};

function dtsFailureReply(fault: ActiveFault, context: ReplyContext): Reply {
  const httpStatus = fault.httpStatusCode ?? DEFAULT_DTS_FAILURE.httpStatusCode;
  const error: DtsError = {
    httpStatus,
    code: fault.errCode ?? DEFAULT_DTS_FAILURE.errCode,
    message: fault.errMessage ?? DEFAULT_DTS_FAILURE.errMessage,
    dynamicMessage: fault.dynamicMessage ?? DEFAULT_DTS_FAILURE.dynamicMessage,
  };
  return jsonReply(200, dtsErrorBody(error, context.requestId), context.requestId);
}

/** Cuts a JSON body in half: still labelled application/json, no longer parseable. */
function truncated(reply: Reply): Reply {
  return { status: 200, headers: reply.headers, body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) };
}

export async function actOutFault(fault: ActiveFault, io: FaultIo): Promise<FaultOutcome> {
  if (fault.kind === "latency") {
    await io.delay(fault.latencyMs ?? DEFAULT_LATENCY_MS);
    const run = io.runAction();
    io.send(run.reply);
    return { verdict: "ok", httpStatus: run.reply.status, code: run.code, effect: null };
  }

  // Reads have no side effects, so running them is only useful to build a truncated body. A reset
  // runs only when the fault says DTS carried it out before the answer went wrong.
  const isReset = MUTATING_ACTIONS.has(io.action);
  const effect = isReset ? (fault.effect ?? "skip") : null;
  const applied = effect === "apply" ? io.runAction() : undefined;
  const outcome = (httpStatus: number | null, code: string | null): FaultOutcome => ({ verdict: "fault", httpStatus, code, effect });
  const sendGatewayError = (error: DtsError, headers: Record<string, string> = {}): FaultOutcome => {
    io.send(gatewayErrorReply(error, io.context, headers));
    return outcome(error.httpStatus, error.code);
  };

  switch (fault.kind) {
    case "throttle": {
      const retryAfter = fault.retryAfterMs;
      return sendGatewayError(throttlingUser(), retryAfter === undefined ? {} : rateLimitHeaders(1, retryAfter, io.nowMs() + retryAfter));
    }
    case "unavailable":
      return sendGatewayError(serviceUnavailable());
    case "internal":
      return sendGatewayError(internalError());
    case "dts-failure": {
      const reply = dtsFailureReply(fault, io.context);
      io.send(reply);
      return outcome(200, fault.errCode ?? DEFAULT_DTS_FAILURE.errCode);
    }
    case "html-502":
      io.send({ status: 502, headers: { "content-type": "text/html" }, body: BAD_GATEWAY_HTML });
      return outcome(502, null);
    case "malformed-json": {
      const full = applied ?? (isReset ? { reply: successReply(io.context, {}), code: null } : io.runAction());
      io.send(truncated(full.reply));
      return outcome(200, null);
    }
    case "reset-connection":
      io.resetConnection();
      return outcome(null, null);
    case "hang":
      io.hang(fault.holdMs ?? DEFAULT_HOLD_MS);
      return outcome(null, null);
  }
}
