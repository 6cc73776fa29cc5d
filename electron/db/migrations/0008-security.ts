import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Frozen. Security (issue #12):
// - hall.admin_reads_audit: separation of duties (等保 三员分立). The administrator reads the
//   audit trail only while an auditor (审计员) allows it; off by default.
// - audit_log.keyed: 1 for rows whose hash is an HMAC under the hall's audit key (kept outside
//   the database); rows written before this migration keep their plain SHA-256 chain.
// - hall.retention_months and visits.personal_purged_at: how long a closed case keeps its
//   visitor's personal data, and when it was purged.
// - users.role admits 'auditor'. SQLite cannot change a CHECK in place, so the table is rebuilt
//   (raw SQL for the copy): foreign keys are deferred to the commit, by which time every user row
//   is back under its own id. PostgreSQL: drop and re-add the check constraint instead.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('hall').addColumn('admin_reads_audit', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('hall').addColumn('retention_months', 'integer', (c) => c.notNull().defaultTo(36)).execute()
  await db.schema.alterTable('audit_log').addColumn('keyed', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('visits').addColumn('personal_purged_at', 'text').execute()

  const columns = sql.raw(
    'id, badge_no, name, position, role, password_hash, must_change_password, failed_attempts, locked_until, disabled, created_at, updated_at',
  )
  await sql`PRAGMA defer_foreign_keys = ON`.execute(db)
  await sql`CREATE TEMP TABLE users_0008 AS SELECT ${columns} FROM users`.execute(db)
  await db.schema.dropTable('users').execute()
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('badge_no', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('receptionist', 'duty_officer', 'admin', 'auditor')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await sql`INSERT INTO users (${columns}) SELECT ${columns} FROM temp.users_0008 ORDER BY id`.execute(db)
  await sql`DROP TABLE temp.users_0008`.execute(db)
}
