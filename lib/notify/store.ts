import "server-only";
// The notification tables (migration 0010) and their queries: channels, the outbox of events and
// each channel's delivery of an event. The outbox is written by recordNotification inside the
// transaction of the state change it reports (lib/notify/outbox.ts), so a rolled-back change
// leaves no event and a crash after the commit loses none. A delivery moves only under its lease:
// taking one is a conditional UPDATE (one winner across instances), and every later move names the
// lease token (the fence), so a worker that stalled past its lease cannot record over the new holder.
import { randomUUID } from "node:crypto";
import { sql, type ColumnType, type Kysely, type Selectable } from "kysely";
import type { AuditStore } from "@/lib/db/store";
import { storeOperation } from "@/lib/audit/errors";
import type { Immutable } from "@/lib/audit/schema";
import type { ChannelKind, NotificationEventType } from "@/lib/domain/notifications";
import type { Locale } from "@/lib/domain/locale";
import type { NotificationEvent } from "./channel-kinds";
import type { DeliveryView } from "@/lib/domain/notification-views";

export type DeliveryStatus = "pending" | "delivered" | "failed";
export type ChannelSource = "admin" | "config";

export interface NotificationChannelsTable {
  id: Immutable<string>;
  kind: Immutable<ChannelKind>;
  name: string;
  source: Immutable<ChannelSource>;
  url_sealed: string | null;
  url_preview: string;
  secret_sealed: string | null;
  events: string;
  language: Locale;
  /** 0 or 1 (PostgreSQL may answer a string). */
  enabled: ColumnType<number | string, number, number>;
  created_at: Immutable<string>;
  created_by: Immutable<string>;
  updated_at: string;
  updated_by: string;
}

export interface NotificationEventsTable {
  id: Immutable<string>;
  type: Immutable<NotificationEventType>;
  occurred_at: Immutable<string>;
  account: Immutable<string | null>;
  subject_kind: Immutable<NotificationEvent["subject"]["kind"]>;
  subject_id: Immutable<string>;
  subject_path: Immutable<string>;
  actor: Immutable<string | null>;
  summary: Immutable<string>;
}

export interface NotificationDeliveriesTable {
  id: Immutable<string>;
  event_id: Immutable<string>;
  channel_id: Immutable<string>;
  status: DeliveryStatus;
  attempts: ColumnType<number | string, number | undefined, number>;
  created_at: Immutable<string>;
  next_attempt_at: string;
  lease_token: string | null;
  lease_expires_at: string | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_detail: string | null;
  delivered_at: string | null;
}

export interface NotificationPacingTable {
  channel_id: string;
  /** PostgreSQL's bigint comes back as a string. */
  next_at: ColumnType<number | string, number, number>;
}

export type NotifyTables = {
  notification_channels: NotificationChannelsTable;
  notification_events: NotificationEventsTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_pacing: NotificationPacingTable;
};

type Db = Kysely<NotifyTables>;

/** Any handle on the application database (a feature's typed transaction): the outbox adds its own tables' types. */
export type AnyDb = { readonly isTransaction: boolean };

function notifyDb(store: AuditStore): Db {
  return store.db.withTables<NotifyTables>() as unknown as Db;
}

const iso = (d: Date) => d.toISOString();

/** The body in one transaction, or in the one `db` already is (a state change's). */
export async function inTransaction<DB, T>(db: Kysely<DB>, body: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? body(db) : db.transaction().execute(body);
}

// Channels ------------------------------------------------------------------------------------

export type ChannelRow = Selectable<NotificationChannelsTable>;

export interface StoredChannel {
  id: string;
  kind: ChannelKind;
  name: string;
  source: ChannelSource;
  urlSealed: string | null;
  urlPreview: string;
  secretSealed: string | null;
  events: NotificationEventType[];
  language: Locale;
  enabled: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

function parseEvents(text: string): NotificationEventType[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed.filter((e) => typeof e === "string") as NotificationEventType[]) : [];
  } catch {
    return [];
  }
}

function toChannel(row: ChannelRow): StoredChannel {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    source: row.source,
    urlSealed: row.url_sealed,
    urlPreview: row.url_preview,
    secretSealed: row.secret_sealed,
    events: parseEvents(row.events),
    language: row.language,
    enabled: Number(row.enabled) === 1,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export interface NewChannel {
  id?: string;
  kind: ChannelKind;
  name: string;
  source: ChannelSource;
  urlSealed: string | null;
  urlPreview: string;
  secretSealed: string | null;
  events: readonly NotificationEventType[];
  language: Locale;
  enabled: boolean;
  by: string;
  at: Date;
}

export async function insertChannel(store: AuditStore, channel: NewChannel): Promise<StoredChannel> {
  const id = channel.id ?? randomUUID();
  const at = iso(channel.at);
  const row = await storeOperation("add the notification channel", () =>
    notifyDb(store)
      .insertInto("notification_channels")
      .values({
        id,
        kind: channel.kind,
        name: channel.name,
        source: channel.source,
        url_sealed: channel.urlSealed,
        url_preview: channel.urlPreview,
        secret_sealed: channel.secretSealed,
        events: JSON.stringify(channel.events),
        language: channel.language,
        enabled: channel.enabled ? 1 : 0,
        created_at: at,
        created_by: channel.by,
        updated_at: at,
        updated_by: channel.by,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return toChannel(row);
}

export interface ChannelPatch {
  name?: string;
  urlSealed?: string;
  urlPreview?: string;
  secretSealed?: string | null;
  events?: readonly NotificationEventType[];
  language?: Locale;
  enabled?: boolean;
}

export async function updateChannel(store: AuditStore, id: string, patch: ChannelPatch, by: string, at: Date): Promise<StoredChannel | null> {
  const row = await storeOperation("change the notification channel", () =>
    notifyDb(store)
      .updateTable("notification_channels")
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.urlSealed !== undefined ? { url_sealed: patch.urlSealed } : {}),
        ...(patch.urlPreview !== undefined ? { url_preview: patch.urlPreview } : {}),
        ...(patch.secretSealed !== undefined ? { secret_sealed: patch.secretSealed } : {}),
        ...(patch.events !== undefined ? { events: JSON.stringify(patch.events) } : {}),
        ...(patch.language !== undefined ? { language: patch.language } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
        updated_at: iso(at),
        updated_by: by,
      })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst(),
  );
  return row ? toChannel(row) : null;
}

/** Removes the channel and its deliveries (their history goes with it; the events stay). */
export async function deleteChannel(store: AuditStore, id: string): Promise<boolean> {
  return storeOperation("remove the notification channel", () =>
    notifyDb(store)
      .transaction()
      .execute(async (tx) => {
        await tx.deleteFrom("notification_deliveries").where("channel_id", "=", id).execute();
        await tx.deleteFrom("notification_pacing").where("channel_id", "=", id).execute();
        const removed = await tx.deleteFrom("notification_channels").where("id", "=", id).executeTakeFirst();
        return removed.numDeletedRows > BigInt(0);
      }),
  );
}

export async function getChannel(store: AuditStore, id: string): Promise<StoredChannel | null> {
  const row = await storeOperation("read the notification channel", () => notifyDb(store).selectFrom("notification_channels").selectAll().where("id", "=", id).executeTakeFirst());
  return row ? toChannel(row) : null;
}

export async function listChannels(store: AuditStore): Promise<StoredChannel[]> {
  const rows = await storeOperation("read the notification channels", () =>
    notifyDb(store).selectFrom("notification_channels").selectAll().orderBy("created_at").orderBy("id").execute(),
  );
  return rows.map(toChannel);
}

/**
 * The channel APPROVAL_WEBHOOK_URL describes, kept in step with the configuration at start: added
 * when set, enabled or disabled as it is set or not (its deliveries stay for the record).
 */
export async function syncConfigChannel(store: AuditStore, id: string, wanted: { urlPreview: string; events: readonly NotificationEventType[] } | null, at: Date): Promise<void> {
  await storeOperation("set up the configured notification channel", async () => {
    const db = notifyDb(store);
    const existing = await db.selectFrom("notification_channels").select("id").where("id", "=", id).executeTakeFirst();
    if (!wanted) {
      if (existing) await db.updateTable("notification_channels").set({ enabled: 0, updated_at: iso(at), updated_by: "configuration" }).where("id", "=", id).execute();
      return;
    }
    const values = { url_preview: wanted.urlPreview, events: JSON.stringify(wanted.events), enabled: 1, updated_at: iso(at), updated_by: "configuration" };
    if (existing) {
      await db.updateTable("notification_channels").set(values).where("id", "=", id).execute();
      return;
    }
    await db
      .insertInto("notification_channels")
      .values({ id, kind: "webhook", name: "APPROVAL_WEBHOOK_URL", source: "config", url_sealed: null, secret_sealed: null, language: "en", created_at: iso(at), created_by: "configuration", ...values })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  });
}

// The outbox -----------------------------------------------------------------------------------

export type NewNotification = Omit<NotificationEvent, "id" | "occurredAt"> & { type: Exclude<NotificationEventType, "test">; occurredAt: Date };

/**
 * Writes the event and one pending delivery per enabled channel subscribed to its type, with `db`
 * (the state change's transaction: lib/notify/outbox.ts). Answers the event's ID and how many
 * deliveries it made.
 */
export async function insertNotification(db: AnyDb, event: NewNotification): Promise<{ id: string; deliveries: number }> {
  const tx = db as unknown as Db;
  const id = randomUUID();
  const at = iso(event.occurredAt);
  await tx
    .insertInto("notification_events")
    .values({
      id,
      type: event.type,
      occurred_at: at,
      account: event.account,
      subject_kind: event.subject.kind,
      subject_id: event.subject.id,
      subject_path: event.subject.path,
      actor: event.actor,
      summary: JSON.stringify(event.summary),
    })
    .execute();
  const channels = await tx.selectFrom("notification_channels").select(["id", "events"]).where("enabled", "=", 1).execute();
  const subscribed = channels.filter((c) => parseEvents(c.events).includes(event.type));
  if (subscribed.length > 0) {
    await tx
      .insertInto("notification_deliveries")
      .values(subscribed.map((c) => ({ id: randomUUID(), event_id: id, channel_id: c.id, status: "pending" as const, attempts: 0, created_at: at, next_attempt_at: at })))
      .execute();
  }
  return { id, deliveries: subscribed.length };
}

export type EventRow = Selectable<NotificationEventsTable>;

export function toNotificationEvent(row: EventRow): NotificationEvent {
  let summary: NotificationEvent["summary"] = {};
  try {
    summary = JSON.parse(row.summary) as NotificationEvent["summary"];
  } catch {
    // an unreadable summary still makes a message: the subject and its link
  }
  return {
    id: row.id,
    type: row.type,
    occurredAt: row.occurred_at,
    account: row.account,
    subject: { kind: row.subject_kind, id: row.subject_id, path: row.subject_path },
    actor: row.actor,
    summary,
  };
}

/** The test message: an event of type `test` and its delivery to one channel, recorded as sent. */
export async function recordTestDelivery(
  store: AuditStore,
  event: NotificationEvent,
  channelId: string,
  outcome: { status: "delivered" | "failed"; httpStatus: number | null; detail: string; at: Date },
): Promise<string> {
  return storeOperation("record the test message", () =>
    notifyDb(store)
      .transaction()
      .execute(async (tx) => {
        await tx
          .insertInto("notification_events")
          .values({
            id: event.id,
            type: "test",
            occurred_at: event.occurredAt,
            account: event.account,
            subject_kind: event.subject.kind,
            subject_id: event.subject.id,
            subject_path: event.subject.path,
            actor: event.actor,
            summary: JSON.stringify(event.summary),
          })
          .execute();
        const id = randomUUID();
        const at = iso(outcome.at);
        await tx
          .insertInto("notification_deliveries")
          .values({
            id,
            event_id: event.id,
            channel_id: channelId,
            status: outcome.status,
            attempts: 1,
            created_at: event.occurredAt,
            next_attempt_at: at,
            last_attempt_at: at,
            last_status: outcome.httpStatus,
            last_detail: outcome.detail,
            delivered_at: outcome.status === "delivered" ? at : null,
          })
          .execute();
        return id;
      }),
  );
}

// Deliveries: the worker's side ----------------------------------------------------------------

export interface DueDelivery {
  id: string;
  channelId: string;
  kind: ChannelKind;
}

/** Pending deliveries whose next try is due and whose lease (if any) has run out, oldest due first. */
export async function listDueDeliveries(store: AuditStore, now: Date, limit: number): Promise<DueDelivery[]> {
  const at = iso(now);
  const rows = await storeOperation("list the due notifications", () =>
    notifyDb(store)
      .selectFrom("notification_deliveries as d")
      .innerJoin("notification_channels as c", "c.id", "d.channel_id")
      .select(["d.id", "d.channel_id", "c.kind"])
      .where("d.status", "=", "pending")
      .where("d.next_attempt_at", "<=", at)
      .where((eb) => eb.or([eb("d.lease_token", "is", null), eb("d.lease_expires_at", "<=", at)]))
      .orderBy("d.next_attempt_at")
      .orderBy("d.created_at")
      .limit(limit)
      .execute(),
  );
  return rows.map((r) => ({ id: r.id, channelId: r.channel_id, kind: r.kind }));
}

/** When the next pending delivery not yet due falls due (null: none), so the worker can wake then. */
export async function nextDueAt(store: AuditStore, now: Date): Promise<Date | null> {
  const row = await storeOperation("read the next due notification", () =>
    notifyDb(store)
      .selectFrom("notification_deliveries")
      .select((eb) => eb.fn.min("next_attempt_at").as("at"))
      .where("status", "=", "pending")
      .where("next_attempt_at", ">", iso(now))
      .executeTakeFirst(),
  );
  return row?.at ? new Date(String(row.at)) : null;
}

/** Take the delivery's lease: false when another worker holds a live one or it is no longer pending. */
export async function takeDelivery(store: AuditStore, id: string, token: string, now: Date, leaseMs: number): Promise<boolean> {
  const at = iso(now);
  const result = await storeOperation("lease the notification", () =>
    notifyDb(store)
      .updateTable("notification_deliveries")
      .set({ lease_token: token, lease_expires_at: iso(new Date(now.getTime() + leaseMs)) })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", at)
      .where((eb) => eb.or([eb("lease_token", "is", null), eb("lease_expires_at", "<=", at)]))
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > BigInt(0);
}

export interface LeasedDelivery {
  id: string;
  attempts: number;
  createdAt: string;
  event: NotificationEvent;
  channel: StoredChannel;
}

export async function readLeasedDelivery(store: AuditStore, id: string): Promise<LeasedDelivery | null> {
  return storeOperation("read the notification", async () => {
    const db = notifyDb(store);
    const delivery = await db.selectFrom("notification_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
    if (!delivery) return null;
    const event = await db.selectFrom("notification_events").selectAll().where("id", "=", delivery.event_id).executeTakeFirst();
    const channel = await db.selectFrom("notification_channels").selectAll().where("id", "=", delivery.channel_id).executeTakeFirst();
    if (!event || !channel) return null;
    return { id, attempts: Number(delivery.attempts), createdAt: delivery.created_at, event: toNotificationEvent(event), channel: toChannel(channel) };
  });
}

export type TryOutcome =
  | { status: "delivered"; httpStatus: number; detail: string }
  | { status: "failed"; httpStatus: number | null; detail: string }
  | { status: "pending"; httpStatus: number | null; detail: string; nextAttemptAt: Date };

/** Record one try under our lease (the fence): false when the lease was lost meanwhile. */
export async function recordTry(store: AuditStore, id: string, token: string, outcome: TryOutcome, at: Date): Promise<boolean> {
  const result = await storeOperation("record the notification's try", () =>
    notifyDb(store)
      .updateTable("notification_deliveries")
      .set({
        status: outcome.status,
        attempts: sql<number>`attempts + 1`,
        last_attempt_at: iso(at),
        last_status: outcome.httpStatus,
        last_detail: outcome.detail.slice(0, 500),
        next_attempt_at: outcome.status === "pending" ? iso(outcome.nextAttemptAt) : iso(at),
        delivered_at: outcome.status === "delivered" ? iso(at) : null,
        lease_token: null,
        lease_expires_at: null,
      })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .where("lease_token", "=", token)
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > BigInt(0);
}

/** Put a delivery back without counting a try (paced past its lease): due at `at`. */
export async function postpone(store: AuditStore, id: string, token: string, at: Date): Promise<void> {
  await storeOperation("postpone the notification", () =>
    notifyDb(store)
      .updateTable("notification_deliveries")
      .set({ next_attempt_at: iso(at), lease_token: null, lease_expires_at: null })
      .where("id", "=", id)
      .where("lease_token", "=", token)
      .execute(),
  );
}

/** A failed delivery, tried again by hand: pending again, due now, its tries counted afresh. */
export async function retryFailedDelivery(store: AuditStore, id: string, now: Date): Promise<boolean> {
  const result = await storeOperation("retry the notification", () =>
    notifyDb(store)
      .updateTable("notification_deliveries")
      .set({ status: "pending", attempts: 0, next_attempt_at: iso(now), lease_token: null, lease_expires_at: null })
      .where("id", "=", id)
      .where("status", "=", "failed")
      .executeTakeFirst(),
  );
  return result.numUpdatedRows > BigInt(0);
}

export async function deliveryStatus(store: AuditStore, id: string): Promise<DeliveryStatus | null> {
  const row = await storeOperation("read the notification", () => notifyDb(store).selectFrom("notification_deliveries").select("status").where("id", "=", id).executeTakeFirst());
  return row?.status ?? null;
}

// Pacing ---------------------------------------------------------------------------------------

/**
 * Reserve the channel's next send: one atomic upsert moves its `next_at` on by one interval and
 * answers the moment reserved, so the platform's limit holds across this instance's lanes and
 * across instances sharing the store (the database serialises the reservations).
 */
export async function reserveSend(store: AuditStore, channelId: string, intervalMs: number, nowMs: number): Promise<number> {
  if (intervalMs <= 0) return nowMs;
  const later =
    store.dialect === "postgres"
      ? sql<number>`greatest(notification_pacing.next_at, cast(${nowMs} as bigint)) + cast(${intervalMs} as bigint)`
      : sql<number>`max(notification_pacing.next_at, ${nowMs}) + ${intervalMs}`;
  const row = await storeOperation("pace the notification", () =>
    notifyDb(store)
      .insertInto("notification_pacing")
      .values({ channel_id: channelId, next_at: nowMs + intervalMs })
      .onConflict((oc) => oc.column("channel_id").doUpdateSet({ next_at: later }))
      .returning("next_at")
      .executeTakeFirstOrThrow(),
  );
  return Number(row.next_at) - intervalMs;
}

// What the admin page shows --------------------------------------------------------------------

export interface ChannelHealth {
  channelId: string;
  backlog: number;
  failed: number;
  delivered: number;
  lastDelivery: { status: DeliveryStatus; at: string | null; httpStatus: number | null; detail: string | null } | null;
}

export async function channelHealth(store: AuditStore): Promise<Map<string, ChannelHealth>> {
  return storeOperation("read the notification channels' deliveries", async () => {
    const db = notifyDb(store);
    const counts = await db
      .selectFrom("notification_deliveries")
      .select(["channel_id", "status", (eb) => eb.fn.countAll<number | string>().as("n")])
      .groupBy(["channel_id", "status"])
      .execute();
    const health = new Map<string, ChannelHealth>();
    const of = (id: string) => {
      let entry = health.get(id);
      if (!entry) health.set(id, (entry = { channelId: id, backlog: 0, failed: 0, delivered: 0, lastDelivery: null }));
      return entry;
    };
    for (const row of counts) {
      const entry = of(row.channel_id);
      const n = Number(row.n);
      if (row.status === "pending") entry.backlog = n;
      else if (row.status === "failed") entry.failed = n;
      else entry.delivered = n;
    }
    // The last try per channel: the newest delivery that was tried at all.
    const latest = await db
      .selectFrom("notification_deliveries as d")
      .select(["d.channel_id", "d.status", "d.last_attempt_at", "d.last_status", "d.last_detail"])
      .where("d.last_attempt_at", "is not", null)
      .where((eb) =>
        eb(
          "d.last_attempt_at",
          "=",
          eb.selectFrom("notification_deliveries as e").select((e) => e.fn.max("e.last_attempt_at").as("m")).whereRef("e.channel_id", "=", "d.channel_id"),
        ),
      )
      .execute();
    for (const row of latest) {
      of(row.channel_id).lastDelivery = { status: row.status, at: row.last_attempt_at, httpStatus: row.last_status === null ? null : Number(row.last_status), detail: row.last_detail };
    }
    return health;
  });
}


export async function listDeliveries(store: AuditStore, filter: { id?: string; channelId?: string; status?: DeliveryStatus; limit: number }): Promise<DeliveryView[]> {
  const rows = await storeOperation("read the notifications", () => {
    let q = notifyDb(store)
      .selectFrom("notification_deliveries as d")
      .innerJoin("notification_events as e", "e.id", "d.event_id")
      .innerJoin("notification_channels as c", "c.id", "d.channel_id")
      .select([
        "d.id",
        "d.channel_id",
        "c.name as channel_name",
        "d.event_id",
        "e.type as event_type",
        "e.occurred_at",
        "e.subject_path",
        "d.status",
        "d.attempts",
        "d.next_attempt_at",
        "d.last_attempt_at",
        "d.last_status",
        "d.last_detail",
        "d.delivered_at",
      ]);
    if (filter.id) q = q.where("d.id", "=", filter.id);
    if (filter.channelId) q = q.where("d.channel_id", "=", filter.channelId);
    if (filter.status) q = q.where("d.status", "=", filter.status);
    return q.orderBy("d.created_at", "desc").orderBy("d.id", "desc").limit(filter.limit).execute();
  });
  return rows.map((r) => ({
    id: r.id,
    channelId: r.channel_id,
    channelName: r.channel_name,
    eventId: r.event_id,
    eventType: r.event_type,
    occurredAt: r.occurred_at,
    subjectPath: r.subject_path,
    status: r.status,
    attempts: Number(r.attempts),
    nextAttemptAt: r.status === "pending" ? r.next_attempt_at : null,
    lastAttemptAt: r.last_attempt_at,
    lastStatus: r.last_status === null ? null : Number(r.last_status),
    lastDetail: r.last_detail,
    deliveredAt: r.delivered_at,
  }));
}
