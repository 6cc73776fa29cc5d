import type { Kysely } from 'kysely'
import { sql } from 'kysely'

// Frozen. The PostgreSQL form of 0008 (security): the same columns; the users' role check is
// replaced in place (SQLite rebuilds the table for it).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE hall ADD COLUMN admin_reads_audit integer NOT NULL DEFAULT 0;
    ALTER TABLE hall ADD COLUMN retention_months integer NOT NULL DEFAULT 36;
    ALTER TABLE audit_log ADD COLUMN keyed integer NOT NULL DEFAULT 0;
    ALTER TABLE visits ADD COLUMN personal_purged_at text;
    ALTER TABLE users DROP CONSTRAINT users_role_check;
    ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role in ('receptionist', 'duty_officer', 'admin', 'auditor'));
  `.execute(db)
}
