import type { ColumnDefinitionBuilder, Kysely } from 'kysely'
import { sql } from 'kysely'

// Frozen. The queue (排队叫号, issue #15; DESIGN §7):
// - queue_tickets: one row per ticket (取号), numbered per kind and hall day without gaps by
//   queue_counters (the same row-locked upsert as the case numbers);
// - queue_calls: every call, recall, skip, return, transfer and serve, for the hall screen's
//   last calls and the "at most N 绿色通道 calls in a row" rule;
// - onsite_ratings: the visitor's rating on the visitor-facing view (评价器), apart from the
//   later 回访 rating kept on the visit;
// - hall: the queue settings;
// - users.role admits 'guide' (导引员). SQLite cannot change a CHECK in place, so the table is
//   rebuilt as in 0008; PostgreSQL drops and re-adds the check constraint instead.
// The tables are written once for both engines (ids are identity columns on PostgreSQL,
// autoincrement on SQLite); the PostgreSQL form (postgres/0014-queue.ts) shares them.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
type Db = Kysely<any>

export const ROLES_SQL = sql`role in ('receptionist', 'duty_officer', 'admin', 'auditor', 'guide')`

/** The queue's columns and tables, the same on both engines. */
export async function queueTables(db: Db, pg: boolean): Promise<void> {
  const idColumn = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement())

  await db.schema.alterTable('hall').addColumn('queue_priority_cap', 'integer', (c) => c.notNull().defaultTo(3)).execute()
  await db.schema.alterTable('hall').addColumn('queue_skip_return_minutes', 'integer', (c) => c.notNull().defaultTo(30)).execute()
  await db.schema.alterTable('hall').addColumn('queue_service_minutes', 'integer', (c) => c.notNull().defaultTo(15)).execute()
  await db.schema.alterTable('hall').addColumn('queue_voice', 'text', (c) => c.notNull().defaultTo('auto')).execute()

  await db.schema
    .createTable('queue_counters')
    .addColumn('hall_day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('queue_counters_pk', ['hall_day', 'kind'])
    .execute()

  await db.schema
    .createTable('queue_tickets')
    .addColumn('id', 'integer', idColumn)
    .addColumn('hall_day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('individual', 'group', 'appointment', 'priority')`))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('headcount', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.references('users.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('waiting', 'called', 'skipped', 'served')`))
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('target_window', 'integer')
    .addColumn('called_at', 'text')
    .addColumn('last_called_at', 'text')
    .addColumn('window_no', 'integer')
    .addColumn('called_by', 'integer', (c) => c.references('users.id'))
    .addColumn('skipped_at', 'text')
    .addColumn('visit_id', 'integer', (c) => c.references('visits.id').unique())
    .addColumn('served_at', 'text')
    .addUniqueConstraint('queue_tickets_day_kind_seq', ['hall_day', 'kind', 'seq'])
    .execute()
  await db.schema.createIndex('queue_tickets_day_status').on('queue_tickets').columns(['hall_day', 'status']).execute()

  await db.schema
    .createTable('queue_calls')
    .addColumn('id', 'integer', idColumn)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('queue_tickets.id'))
    .addColumn('hall_day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('window_no', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('out_of_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('queue_calls_day').on('queue_calls').columns(['hall_day', 'id']).execute()

  await db.schema
    .createTable('onsite_ratings')
    .addColumn('visit_id', 'integer', (c) => c.primaryKey().references('visits.id'))
    .addColumn('rating', 'text', (c) => c.notNull().check(sql`rating in ('satisfied', 'basically_satisfied', 'unsatisfied')`))
    .addColumn('receptionist_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('rated_at', 'text', (c) => c.notNull())
    .execute()
}

/** SQLite: the tables, then the users table rebuilt for the new role check. */
export async function up(db: Db): Promise<void> {
  await queueTables(db, false)
  const columns = sql.raw(
    'id, badge_no, name, position, role, password_hash, must_change_password, failed_attempts, locked_until, disabled, created_at, updated_at',
  )
  await sql`PRAGMA defer_foreign_keys = ON`.execute(db)
  await sql`CREATE TEMP TABLE users_0014 AS SELECT ${columns} FROM users`.execute(db)
  await db.schema.dropTable('users').execute()
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('badge_no', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(ROLES_SQL))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await sql`INSERT INTO users (${columns}) SELECT ${columns} FROM temp.users_0014 ORDER BY id`.execute(db)
  await sql`DROP TABLE temp.users_0014`.execute(db)
}
