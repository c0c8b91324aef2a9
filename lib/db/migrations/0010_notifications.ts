// 0010: notifications (issue 24). The console tells the team's chat and webhook receivers what
// happened, durably: the event is a row written in the same transaction as the change it reports
// (the outbox), and each channel's copy of it is a delivery row the worker works under a lease.
// - notification_channels: where to post (kind, name, the URL and the secret both sealed with
//   AES-256-GCM under NOTIFY_SECRET_KEY: a DingTalk or WeCom URL carries the robot's token, so it is
//   as secret as the signing secret), which events, in which language. `source` is `admin` (the
//   admin page) or `config` (APPROVAL_WEBHOOK_URL: its URL and secret stay in the configuration).
// - notification_events: the outbox; one row per event, never changed. Its ID is the webhook-id.
// - notification_deliveries: one row per event and channel, with the lease (lease_token,
//   lease_expires_at: the same lease-and-fence idea as bulk_resets), the tries, when the next try
//   is due and what the receiver last answered.
// - notification_pacing: per channel, the earliest moment of its next send (the platforms' limits).
import { sql, type Kysely, type Migration } from "kysely";
import { createAppendOnlyTriggers } from "../append-only";

export const notifications: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("notification_channels")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("source", "text", (c) => c.notNull())
      // Sealed (lib/notify's encryptSecret); null for a channel of the configuration.
      .addColumn("url_sealed", "text")
      // The URL with its tokens masked: what the page shows.
      .addColumn("url_preview", "text", (c) => c.notNull())
      .addColumn("secret_sealed", "text")
      // A JSON array of event types.
      .addColumn("events", "text", (c) => c.notNull())
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("enabled", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("updated_by", "text", (c) => c.notNull())
      .addCheckConstraint("notification_channels_kind_valid", sql`kind IN ('dingtalk', 'feishu', 'wecom', 'slack', 'webhook')`)
      .addCheckConstraint("notification_channels_source_valid", sql`source IN ('admin', 'config')`)
      .addCheckConstraint("notification_channels_url_valid", sql`source = 'config' OR url_sealed IS NOT NULL`)
      .execute();

    await db.schema
      .createTable("notification_events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("occurred_at", "text", (c) => c.notNull())
      .addColumn("account", "text")
      .addColumn("subject_kind", "text", (c) => c.notNull())
      .addColumn("subject_id", "text", (c) => c.notNull())
      .addColumn("subject_path", "text", (c) => c.notNull())
      .addColumn("actor", "text")
      // A JSON object of short facts (task, counts, codes): what the message says.
      .addColumn("summary", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("notification_events_occurred").on("notification_events").column("occurred_at").execute();
    await createAppendOnlyTriggers(db, {
      table: "notification_events",
      name: "rules",
      immutable: ["id", "type", "occurred_at", "account", "subject_kind", "subject_id", "subject_path", "actor", "summary"],
    });

    await db.schema
      .createTable("notification_deliveries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("event_id", "text", (c) => c.notNull().references("notification_events.id"))
      .addColumn("channel_id", "text", (c) => c.notNull().references("notification_channels.id"))
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("next_attempt_at", "text", (c) => c.notNull())
      .addColumn("lease_token", "text")
      .addColumn("lease_expires_at", "text")
      .addColumn("last_attempt_at", "text")
      .addColumn("last_status", "integer")
      .addColumn("last_detail", "text")
      .addColumn("delivered_at", "text")
      .addUniqueConstraint("notification_deliveries_once", ["event_id", "channel_id"])
      .addCheckConstraint("notification_deliveries_status_valid", sql`status IN ('pending', 'delivered', 'failed')`)
      .execute();
    await db.schema
      .createIndex("notification_deliveries_due")
      .on("notification_deliveries")
      .columns(["next_attempt_at"])
      .where(sql<boolean>`status = 'pending'`)
      .execute();
    await db.schema.createIndex("notification_deliveries_channel").on("notification_deliveries").columns(["channel_id", "created_at"]).execute();
    // A delivered message stays delivered; a failed one may only be tried again by hand (→ pending).
    await createAppendOnlyTriggers(db, {
      table: "notification_deliveries",
      name: "rules",
      immutable: ["id", "event_id", "channel_id", "created_at"],
      transitions: { column: "status", allowed: { pending: ["delivered", "failed"], failed: ["pending"] } },
    });

    await db.schema
      .createTable("notification_pacing")
      .addColumn("channel_id", "text", (c) => c.primaryKey())
      // Milliseconds since the epoch: the earliest moment the channel's next message may go out.
      .addColumn("next_at", "bigint", (c) => c.notNull())
      .execute();
  },
};
