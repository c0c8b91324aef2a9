import "server-only";
// The auth_events table: every sign-in success and failure, sign-out, account and token change.
// Append-only (triggers of migration 0002 refuse UPDATE and DELETE). Validated with zod before any
// SQL, like the reset records.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { AuditStore } from "@/lib/db/store";
import { storeOperation } from "@/lib/audit/errors";
// The event vocabulary is the API's: the admin page labels every type.
import { AUTH_EVENT_TYPES, AUTH_EVENT_VIAS, type AuthEventType, type AuthEventView, type AuthEventVia } from "@/lib/domain/users";
import { authDb, iso } from "./tables";

const USER_AGENT_MAX = 512;
const optionalText = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) => (v == null ? null : v.slice(0, max)));

const authEventSchema = z.strictObject({
  type: z.enum(AUTH_EVENT_TYPES),
  at: z.date(),
  actor: z
    .strictObject({ username: z.string().min(1).max(128), role: z.string().min(1).max(64) })
    .nullable(),
  via: z.enum(AUTH_EVENT_VIAS),
  subjectUsername: optionalText(128),
  subjectTokenId: optionalText(64),
  clientAddress: optionalText(128),
  userAgent: optionalText(USER_AGENT_MAX),
  /** Small facts: the reason of a failure, a role before and after. Never a secret. */
  detail: z.record(z.string(), z.union([z.string().max(256), z.number(), z.boolean(), z.null()])).default({}),
});
export type NewAuthEvent = z.input<typeof authEventSchema>;

/** A stored event: the API's view, so its fields are written once. */
export type AuthEvent = AuthEventView;

let sequence = 0;

/**
 * Sorts like the events happened: the time, then this process's counter for events in the same
 * millisecond, then randomness so that ids from several processes (the server, the CLI) never collide.
 */
function eventId(at: Date): string {
  sequence = (sequence + 1) % 1_000_000_000;
  return `${String(at.getTime()).padStart(15, "0")}-${String(sequence).padStart(9, "0")}-${randomBytes(6).toString("hex")}`;
}

export async function recordAuthEvent(store: AuditStore, input: NewAuthEvent): Promise<void> {
  const event = authEventSchema.parse(input);
  await storeOperation("record the account event", () =>
    authDb(store)
      .insertInto("auth_events")
      .values({
        id: eventId(event.at),
        at: iso(event.at),
        type: event.type,
        actor_username: event.actor?.username ?? null,
        actor_role: event.actor?.role ?? null,
        via: event.via,
        subject_username: event.subjectUsername,
        subject_token_id: event.subjectTokenId,
        client_address: event.clientAddress,
        user_agent: event.userAgent,
        detail: JSON.stringify(event.detail),
      })
      .execute(),
  );
}

/** Newest first. */
export async function listAuthEvents(store: AuditStore, options: { limit: number; subjectUsername?: string }): Promise<AuthEvent[]> {
  const rows = await storeOperation("list account events", () => {
    let query = authDb(store).selectFrom("auth_events").selectAll().orderBy("at", "desc").orderBy("id", "desc").limit(options.limit);
    if (options.subjectUsername) query = query.where("subject_username", "=", options.subjectUsername);
    return query.execute();
  });
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    type: row.type as AuthEventType,
    actorUsername: row.actor_username,
    actorRole: row.actor_role,
    via: row.via as AuthEventVia,
    subjectUsername: row.subject_username,
    subjectTokenId: row.subject_token_id,
    clientAddress: row.client_address,
    userAgent: row.user_agent,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  }));
}
