import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from './schema'
import type { Migration } from './migrations'
import { MIGRATIONS } from './migrations'

/** The database was written by a newer version of the app; opening it could damage it. */
export class DatabaseFromFutureError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`Database schema version ${found} is newer than this app supports (${supported})`)
  }
}

export async function schemaVersion(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db)
  return rows[0]?.user_version ?? 0
}

/** Runs every pending migration in one transaction; refuses a database newer than the app. */
export async function migrate(
  db: Kysely<Database>,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<{ from: number; to: number }> {
  const from = await schemaVersion(db)
  if (from > migrations.length) throw new DatabaseFromFutureError(from, migrations.length)
  if (from === migrations.length) return { from, to: from }
  await db.transaction().execute(async (trx) => {
    for (const migration of migrations.slice(from)) await migration.up(trx)
    // user_version lives in the database header and is rolled back with the transaction.
    await sql.raw(`PRAGMA user_version = ${migrations.length}`).execute(trx)
  })
  return { from, to: migrations.length }
}
