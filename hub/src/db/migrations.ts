import type { Database } from './database';

/**
 * Schema migrations, applied in order at start and recorded in `schema_migrations`. Append new ones; never
 * edit one that has shipped.
 */
const MIGRATIONS: readonly { readonly id: number; readonly sql: string }[] = [
  {
    id: 1,
    sql: `
      create table events (
        seq bigserial primary key,
        at bigint not null,
        type text not null,
        alert_id text,
        body jsonb not null
      );
      create index events_at on events (at);
      create index events_alert on events (alert_id) where alert_id is not null;

      create table mutations (
        mutation_id text primary key,
        officer_id text not null,
        seq bigint not null
      );

      create table hit_ingest (
        external_id text primary key,
        hit_id text not null unique,
        seq bigint not null
      );

      -- Personal data of screened subjects. Never copied into events; read only through audited 'details'.
      create table subjects (
        hit_id text primary key,
        subject jsonb not null
      );

      create table officers (
        id text primary key,
        username text not null unique,
        name text not null,
        role text not null,
        scope text,
        password_hash text not null,
        demo boolean not null default false
      );

      create table refusals (
        id bigserial primary key,
        at bigint not null,
        officer_id text not null,
        command jsonb not null,
        code text not null,
        message text not null
      );

      create table meta (
        key text primary key,
        value text not null
      );
    `,
  },
  {
    id: 2,
    sql: `
      -- Rows of the log no reader could read, moved out of events as they were, with the reason.
      create table quarantined_events (
        seq bigint primary key,
        at bigint not null,
        type text not null,
        alert_id text,
        body jsonb not null,
        problem text not null,
        quarantined_at bigint not null
      );
    `,
  },
  {
    id: 3,
    sql: `
      -- Which ingest key (its id in the keys file) posted each hit; null for hits ingested before keys were
      -- recorded.
      alter table hit_ingest add column source text;
    `,
  },
  {
    id: 4,
    sql: `
      -- Officers can be disabled; those that came from the users file are removed when it no longer has them.
      alter table officers add column disabled boolean not null default false;
      alter table officers add column from_users_file boolean not null default false;

      -- Sign-in sessions: a token names one; sign-out and admins revoke it, and it ends at expires_at
      -- unless renewed, never after ends_by.
      create table sessions (
        id text primary key,
        officer_id text not null,
        created_at bigint not null,
        expires_at bigint not null,
        ends_by bigint not null,
        revoked_at bigint,
        revoked_reason text,
        demo boolean not null default false
      );
      create index sessions_officer on sessions (officer_id);
      create index sessions_expires on sessions (expires_at);
    `,
  },
  {
    id: 5,
    sql: `
      -- The tamper-evident audit trail (hub/src/audit, docs/audit.md). seq is given by the appender as the
      -- last seq + 1 under the audit lock, not by a sequence, so seqs run without gaps (a sequence skips
      -- numbers at every rolled-back transaction) and a deleted row shows as a gap.
      create table audit_trail (
        seq bigint primary key,
        at bigint not null,
        act text not null,
        officer_id text,
        officer_name text,
        source text,
        hit_id text,
        details jsonb not null,
        prev_hash text not null,
        hash text not null
      );
      create index audit_trail_officer on audit_trail (officer_id, seq) where officer_id is not null;
      create index audit_trail_hit on audit_trail (hit_id, seq) where hit_id is not null;
      create index audit_trail_at on audit_trail (at);

      -- Append-only: updates, deletes and truncation are refused. Whoever can drop the trigger can still
      -- change rows, which the hash chain then shows.
      create function audit_trail_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_trail is append-only (% refused)', tg_op; end $$;
      create trigger audit_trail_append_only before update or delete on audit_trail for each row execute function audit_trail_append_only();
      create trigger audit_trail_no_truncate before truncate on audit_trail for each statement execute function audit_trail_append_only();
    `,
  },
  {
    id: 6,
    sql: `
      -- Retention by data type: when each row of personal data, ingest and mutation record was written (hub
      -- clock, ms; the database's clock for a writer that does not say), and when a subject's alert was finally
      -- resolved, each indexed so a purge visits only what it removes. Rows from before take their event's time.
      alter table subjects add column received_at bigint not null default ((extract(epoch from clock_timestamp()) * 1000)::bigint);
      alter table subjects add column resolved_at bigint;
      update subjects s set received_at = e.at from events e where e.alert_id = s.hit_id and e.type = 'hit.raised';
      update subjects s set resolved_at = r.at
        from (select alert_id, max(at) as at from events where type = 'alert.resolved' and (body->>'final')::boolean group by alert_id) r
       where r.alert_id = s.hit_id;
      create index subjects_received on subjects (received_at);
      create index subjects_resolved on subjects (resolved_at) where resolved_at is not null;

      alter table hit_ingest add column at bigint not null default ((extract(epoch from clock_timestamp()) * 1000)::bigint);
      update hit_ingest h set at = e.at from events e where e.seq = h.seq;
      create index hit_ingest_at on hit_ingest (at);

      alter table mutations add column at bigint not null default ((extract(epoch from clock_timestamp()) * 1000)::bigint);
      update mutations m set at = e.at from events e where e.seq = m.seq;
      create index mutations_at on mutations (at);

      create index refusals_at on refusals (at);

      -- Operation and checkpoint updates by the entity they update, so superseded ones are found without
      -- reading the rest of the log.
      create index events_entity_updates on events ((coalesce(body->'operation'->>'id', body->'checkpoint'->>'id')), seq)
        where type in ('operation.updated', 'checkpoint.updated');
    `,
  },
];

/** Applies pending migrations under an advisory lock, so hubs starting together on one database agree. */
export async function migrate(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('create table if not exists schema_migrations (id integer primary key, applied_at bigint not null)');
    const done = new Set((await tx.query<{ id: number }>('select id from schema_migrations')).map((row) => row.id));
    let applied = 0;
    for (const migration of MIGRATIONS) {
      if (done.has(migration.id)) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (id, applied_at) values ($1, $2)', [migration.id, Date.now()]);
      applied += 1;
    }
    return applied;
  });
}

/** Advisory lock keys of the hub (arbitrary, fixed). */
const MIGRATION_LOCK = 46_100;
export const WRITER_LOCK = 46_101;
/** Serialises appends to the audit trail; always taken last (after WRITER_LOCK where both are held). */
export const AUDIT_LOCK = 46_102;

function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((statement) => statement.replace(/--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
}
