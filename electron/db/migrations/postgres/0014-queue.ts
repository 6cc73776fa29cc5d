import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { ROLES_SQL, queueTables } from '../0014-queue'

// Frozen. The PostgreSQL form of 0014 (the queue): the same tables; the users' role check is
// replaced in place to admit 'guide' (SQLite rebuilds the table for it).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await queueTables(db, true)
  await sql`ALTER TABLE users DROP CONSTRAINT users_role_check`.execute(db)
  await sql`ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (${ROLES_SQL})`.execute(db)
}
