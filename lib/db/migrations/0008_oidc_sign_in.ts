// 0008: sign-in through the company's OpenID Provider (issue 23).
// - users: `source` ('local' | 'oidc'), the identity an oidc account is keyed by (oidc_issuer +
//   oidc_subject, unique), and what the provider said at the last sign-in (display name, email,
//   groups as a JSON array). An oidc account has no password: its password_hash holds a value that
//   is no argon2id hash of anything, and sign-in by password refuses the account before looking.
//   Source and identity are written once.
// - sessions: how the session began (`password` | `oidc`) and, for oidc, the raw ID token, kept
//   server-side only for the id_token_hint of RP-initiated logout.
// - oidc_flows: one row per sign-in round trip, keyed by SHA-256 of the random flow id the
//   browser's short-lived cookie holds: state, nonce, PKCE verifier and the `next` path. Consumed
//   once (consumed_at), so a replayed callback finds nothing to finish.
import { sql, type Kysely, type Migration } from "kysely";
import { createAppendOnlyTriggers } from "../append-only";

export const oidcSignIn: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("users")
      .addColumn("source", "text", (c) => c.notNull().defaultTo("local").check(sql`source IN ('local', 'oidc')`))
      .execute();
    await db.schema.alterTable("users").addColumn("oidc_issuer", "text").execute();
    await db.schema.alterTable("users").addColumn("oidc_subject", "text").execute();
    await db.schema.alterTable("users").addColumn("display_name", "text").execute();
    await db.schema.alterTable("users").addColumn("email", "text").execute();
    await db.schema.alterTable("users").addColumn("groups", "text").execute();
    await db.schema
      .createIndex("users_oidc_identity")
      .on("users")
      .columns(["oidc_issuer", "oidc_subject"])
      .unique()
      .where(sql<boolean>`source = 'oidc'`)
      .execute();
    await createAppendOnlyTriggers(db, { table: "users", name: "oidc", immutable: ["source", "oidc_issuer", "oidc_subject"] });

    await db.schema
      .alterTable("sessions")
      .addColumn("auth_method", "text", (c) => c.notNull().defaultTo("password").check(sql`auth_method IN ('password', 'oidc')`))
      .execute();
    await db.schema.alterTable("sessions").addColumn("id_token", "text").execute();

    await db.schema
      .createTable("oidc_flows")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("nonce", "text", (c) => c.notNull())
      .addColumn("code_verifier", "text", (c) => c.notNull())
      .addColumn("next_path", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("consumed_at", "text")
      .execute();
    await db.schema.createIndex("oidc_flows_expires_at").on("oidc_flows").column("expires_at").execute();
  },
};
