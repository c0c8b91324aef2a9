// The /__sim/ HTTP API on the simulator's own port: unsigned JSON endpoints over SimulatorControl,
// answered only to loopback clients (anything else gets 403). Routes about tasks take
// `?account=ID` (default: the default account); an unknown account is a 400.

import { isIP } from "node:net";
import { z, ZodError } from "zod";
import type { SimulatorControl } from "./control";
import { faultSpecSchema, type FaultSpec } from "./faults";
import { holdSpecSchema } from "./holds";
import { precheckFailureSchema, precheckSettingsSchema } from "./precheck";
import type { Reply } from "./replies";

export const CONTROL_PREFIX = "/__sim";

export function isControlPath(path: string): boolean {
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

/** True for 127.0.0.0/8, ::1, and IPv4-mapped loopback (::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const unmapped = address.toLowerCase().startsWith("::ffff:") ? address.slice(7) : address;
  if (isIP(unmapped) === 4) return unmapped.startsWith("127.");
  if (isIP(unmapped) === 6) return /^(0{0,4}:){7}0{0,3}1$|^::1$/.test(unmapped.toLowerCase());
  return false;
}

export interface ControlRequest {
  method: string;
  path: string;
  rawQuery: string;
  body: Buffer;
  remoteAddress: string | undefined;
}

function json(status: number, body: unknown): Reply {
  return { status, headers: { "content-type": "application/json;charset=utf-8", "cache-control": "no-store" }, body: JSON.stringify(body) };
}

const fail = (status: number, error: string, details?: unknown): Reply => json(status, details === undefined ? { error } : { error, details });

class BadRequest extends Error {}

function parseBody(body: Buffer): unknown {
  const text = body.toString("utf8").trim();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequest("The body is not valid JSON.");
  }
}

const statusChangeSchema = z
  .object({ status: z.string().min(1), direction: z.enum(["Forward", "Reverse"]).optional(), errorMessage: z.string().optional() })
  .strict();

/** POST /__sim/faults takes one spec, an array of specs, or {faults: [...]}. */
function faultSpecsOf(body: unknown): FaultSpec[] {
  const list = Array.isArray(body) ? body : body && typeof body === "object" && "faults" in body ? (body as { faults: unknown }).faults : [body];
  return z.array(faultSpecSchema).min(1).parse(list);
}

// Bodies for reset and config are passed on as received: SimulatorControl validates them (zod) and
// a validation failure becomes a 400 below. The casts only bridge JSON's `unknown` to its signature.
type Route = (control: SimulatorControl, match: RegExpExecArray, request: ControlRequest) => Reply;

const serverlessSchema = z
  .object({ maxDu: z.number().int().positive(), minDu: z.number().int().positive() })
  .strict()
  .refine((r) => r.minDu <= r.maxDu, "minDu must not be above maxDu");

const advanceSchema = z.object({ jobId: z.string().min(1), direction: z.enum(["Forward", "Reverse"]).optional() }).strict();

const stsExpireSchema = z.object({ account: z.string().min(1).optional(), accessKeyId: z.string().min(1).optional() }).strict();

/** The `account` query parameter, when given. */
function accountOf(request: ControlRequest): string | undefined {
  return new URLSearchParams(request.rawQuery).get("account") ?? undefined;
}

const routes: Array<{ method: string; pattern: RegExp; route: Route }> = [
  // Precheck timeline (precheck.ts): settings, armed item failures, advancing a task by hand.
  { method: "GET", pattern: /^\/precheck$/, route: (c, _m, r) => json(200, c.precheck(accountOf(r))) },
  {
    method: "PATCH",
    pattern: /^\/precheck$/,
    route: (c, _m, r) => json(200, { settings: c.configurePrecheck(precheckSettingsSchema.parse(parseBody(r.body) ?? {}), accountOf(r)) }),
  },
  {
    method: "POST",
    pattern: /^\/precheck\/failures$/,
    route: (c, _m, r) => json(201, { armed: c.armPrecheckFailure(precheckFailureSchema.parse(parseBody(r.body)), accountOf(r)) }),
  },
  {
    method: "DELETE",
    pattern: /^\/precheck\/failures$/,
    route: (c, _m, r) => json(200, { cleared: c.clearPrecheckFailures(new URLSearchParams(r.rawQuery).get("jobId") ?? undefined, accountOf(r)) }),
  },
  {
    method: "POST",
    pattern: /^\/precheck\/advance$/,
    route: (c, _m, r) => {
      const { jobId, direction } = advanceSchema.parse(parseBody(r.body));
      const result = c.advancePrecheck(jobId, direction, accountOf(r));
      return result ? json(200, result) : fail(404, `No job ${jobId}.`);
    },
  },
  { method: "GET", pattern: /^\/health$/, route: (c) => json(200, c.health()) },
  // Accounts and STS (accounts.ts, sts/).
  { method: "GET", pattern: /^\/accounts$/, route: (c) => json(200, { accounts: c.accounts() }) },
  { method: "GET", pattern: /^\/sts\/roles$/, route: (c) => json(200, { roles: c.roles() }) },
  { method: "GET", pattern: /^\/sts\/credentials$/, route: (c, _m, r) => json(200, { credentials: c.stsCredentials({ account: accountOf(r) }) }) },
  { method: "POST", pattern: /^\/sts\/expire$/, route: (c, _m, r) => json(200, { expired: c.expireStsCredentials(stsExpireSchema.parse(parseBody(r.body) ?? {})) }) },
  {
    method: "GET",
    pattern: /^\/calls$/,
    route: (c, _m, r) => json(200, { calls: c.calls({ action: new URLSearchParams(r.rawQuery).get("action") ?? undefined, account: accountOf(r) }) }),
  },
  { method: "DELETE", pattern: /^\/calls$/, route: (c) => json(200, { cleared: c.clearCalls() }) },
  { method: "GET", pattern: /^\/faults$/, route: (c) => json(200, { faults: c.faults() }) },
  { method: "POST", pattern: /^\/faults$/, route: (c, _m, r) => json(201, { faults: faultSpecsOf(parseBody(r.body)).map((s) => c.addFault(s)) }) },
  { method: "DELETE", pattern: /^\/faults$/, route: (c) => json(200, { cleared: c.clearFaults() }) },
  {
    method: "DELETE",
    pattern: /^\/faults\/([^/]+)$/,
    route: (c, m) => (c.removeFault(decodeURIComponent(m[1] ?? "")) ? json(200, { removed: m[1] }) : fail(404, `No fault ${m[1]}.`)),
  },
  { method: "GET", pattern: /^\/holds$/, route: (c) => json(200, c.holds()) },
  { method: "POST", pattern: /^\/holds$/, route: (c, _m, r) => json(201, { hold: c.addHold(holdSpecSchema.parse(parseBody(r.body) ?? {})) }) },
  { method: "DELETE", pattern: /^\/holds$/, route: (c) => json(200, { released: c.releaseAllHolds() }) },
  { method: "POST", pattern: /^\/holds\/release$/, route: (c) => json(200, { released: c.releaseAllHolds() }) },
  {
    method: "POST",
    pattern: /^\/holds\/([^/]+)\/release$/,
    route: (c, m) => {
      const id = decodeURIComponent(m[1] ?? "");
      const released = c.releaseHold(id);
      return released === undefined ? fail(404, `No hold or held call ${id}.`) : json(200, { released });
    },
  },
  {
    method: "POST",
    pattern: /^\/reset$/,
    route: (c, _m, r) => json(200, { status: "reset", config: c.reset((parseBody(r.body) ?? {}) as Parameters<SimulatorControl["reset"]>[0]) }),
  },
  { method: "GET", pattern: /^\/config$/, route: (c) => json(200, { config: c.config() }) },
  { method: "GET", pattern: /^\/resets\/pending$/, route: (c, _m, r) => json(200, { pending: c.pendingResets(accountOf(r)) }) },
  { method: "POST", pattern: /^\/resets\/complete$/, route: (c, _m, r) => json(200, { completed: c.completeResets(accountOf(r)) }) },
  {
    method: "PATCH",
    pattern: /^\/config$/,
    route: (c, _m, r) => json(200, { config: c.updateConfig((parseBody(r.body) ?? {}) as Parameters<SimulatorControl["updateConfig"]>[0]) }),
  },
  {
    method: "GET",
    pattern: /^\/jobs$/,
    route: (c, _m, r) => {
      const query = new URLSearchParams(r.rawQuery);
      return json(200, { jobs: c.jobs({ region: query.get("region") ?? undefined, jobType: query.get("jobType") ?? undefined, account: accountOf(r) }) });
    },
  },
  {
    method: "GET",
    pattern: /^\/jobs\/([^/]+)$/,
    route: (c, m, r) => {
      const found = c.job(decodeURIComponent(m[1] ?? ""), accountOf(r));
      return found ? json(200, found) : fail(404, `No job ${m[1]}.`);
    },
  },
  {
    method: "POST",
    pattern: /^\/jobs\/([^/]+)\/serverless$/,
    route: (c, m, r) => {
      const range = serverlessSchema.parse(parseBody(r.body));
      const instance = c.setServerless(decodeURIComponent(m[1] ?? ""), range, accountOf(r));
      return instance ? json(200, { instance }) : fail(404, `No job ${m[1]}.`);
    },
  },
  {
    method: "POST",
    pattern: /^\/jobs\/([^/]+)\/status$/,
    route: (c, m, r) => {
      const change = statusChangeSchema.parse(parseBody(r.body));
      const instance = c.setJobStatus(decodeURIComponent(m[1] ?? ""), change, accountOf(r));
      return instance ? json(200, { instance }) : fail(404, `No job ${m[1]}.`);
    },
  },
];

/** Answers one control request. Validation problems are 400s, never exceptions. */
export function handleControlRequest(control: SimulatorControl, request: ControlRequest): Reply {
  if (!isLoopbackAddress(request.remoteAddress)) return fail(403, "The simulator control API only answers loopback clients.");
  const subPath = request.path.slice(CONTROL_PREFIX.length) || "/";
  const candidates = routes.filter((r) => r.pattern.test(subPath));
  if (candidates.length === 0) return fail(404, `Unknown control path ${request.path}.`);
  const matched = candidates.find((r) => r.method === request.method);
  if (!matched) return fail(405, `${request.method} is not supported on ${request.path}.`);
  try {
    return matched.route(control, matched.pattern.exec(subPath) as RegExpExecArray, request);
  } catch (error) {
    if (error instanceof BadRequest) return fail(400, error.message);
    if (error instanceof ZodError) return fail(400, "Invalid request body.", error.issues);
    if (error instanceof RangeError) return fail(400, error.message);
    throw error;
  }
}
