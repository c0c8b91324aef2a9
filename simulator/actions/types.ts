// What every DTS action handler receives and returns. Handlers are pure functions of the request
// parameters, the state and the runtime configuration; the HTTP layer turns outcomes into replies.

import type { RuntimeConfig } from "../config";
import type { DtsError } from "../errors";
import type { BusinessErrorStyle } from "../replies";
import type { DtsState } from "../state";

export interface ActionContext {
  /** The operation's own parameters, decoded. */
  params: Readonly<Record<string, string>>;
  state: DtsState;
  config: Readonly<RuntimeConfig>;
}

export type ActionOutcome =
  /** Fields to put in the success envelope next to RequestId/HttpStatusCode/Success. */
  | { ok: true; fields: Record<string, unknown> }
  /** `style` overrides the configured business-error style for this answer. */
  | { ok: false; error: DtsError; style?: BusinessErrorStyle };

export type ActionHandler = (context: ActionContext) => ActionOutcome;

export const succeed = (fields: Record<string, unknown> = {}): ActionOutcome => ({ ok: true, fields });
export const fail = (error: DtsError): ActionOutcome => ({ ok: false, error });
