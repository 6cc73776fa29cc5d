import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from './schema'
import type { Migration } from './migrations'
import { MIGRATIONS, upOf } from './migrations'
import { engineOf } from './dialect'

/** The database was written by a newer version of the app; opening it could damage it. */
export class DatabaseFromFutureError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`Database schema version ${found} is newer than this app supports (${supported})`)
  }
}

/**
 * The hall's PostgreSQL database lacks what the app depends on (UTF-8 text, byte-wise text
 * order so that case numbers and names sort and match as on SQLite). The message is Chinese
 * and names the fix for the hall's IT person.
 */
export class HallDatabaseUnsuitableError extends Error {
  constructor(readonly problem: string) {
    super(
      `大厅数据库不符合要求：${problem}。请由信息技术人员按 README「大厅数据库」一节重新创建数据库：` +
        `CREATE DATABASE intake_desk ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;`,
    )
    this.name = 'HallDatabaseUnsuitableError'
  }
}

/** Checks at start what the app depends on: UTF8 encoding, a UTF-8 ctype, a byte-order (C) collation. */
export async function checkHallDatabase(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ encoding: string; ctype: string; collate: string }>`
    SELECT pg_encoding_to_char(encoding) AS encoding, datctype AS ctype, datcollate AS collate
    FROM pg_database WHERE datname = current_database()`.execute(db)
  const row = rows[0]
  if (row === undefined) throw new HallDatabaseUnsuitableError('无法读取数据库的编码设置')
  if (row.encoding !== 'UTF8') throw new HallDatabaseUnsuitableError(`数据库编码为 ${row.encoding}，应为 UTF8`)
  if (!/utf-?8/i.test(row.ctype)) throw new HallDatabaseUnsuitableError(`字符分类（LC_CTYPE）为 ${row.ctype}，应为 UTF-8 的一种（如 C.UTF-8）`)
  if (!/^(C|POSIX|C\.utf-?8)$/i.test(row.collate))
    throw new HallDatabaseUnsuitableError(`排序规则（LC_COLLATE）为 ${row.collate}，应为 C.UTF-8（按字节排序，与单机版一致）`)
}

/** Where PostgreSQL keeps the schema version (SQLite keeps it in the file header, PRAGMA user_version). */
const PG_VERSION_TABLE = 'intake_desk_schema_version'

export async function schemaVersion(db: Kysely<Database>): Promise<number> {
  if (engineOf(db) === 'postgres') {
    const { rows: exists } = await sql<{ t: string | null }>`SELECT to_regclass(${PG_VERSION_TABLE}) AS t`.execute(db)
    if (exists[0]?.t == null) return 0
    const { rows } = await sql<{ version: number }>`SELECT version FROM ${sql.table(PG_VERSION_TABLE)}`.execute(db)
    return rows[0]?.version ?? 0
  }
  const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db)
  return rows[0]?.user_version ?? 0
}

/**
 * Runs every pending migration in one transaction; refuses a database newer than the app.
 * On PostgreSQL the transaction first takes an advisory lock, so of several desks starting at
 * once on an empty database one migrates and the others, waiting, find it done.
 */
export async function migrate(db: Kysely<Database>, migrations: readonly Migration[] = MIGRATIONS): Promise<{ from: number; to: number }> {
  const engine = engineOf(db)
  if (engine === 'postgres') {
    await checkHallDatabase(db)
    return db.transaction().execute(async (trx) => {
      // Per schema, so that test cores on their own schemas do not wait for each other.
      await sql`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':intake-desk-migrate'))`.execute(trx)
      const from = await schemaVersion(trx)
      if (from > migrations.length) throw new DatabaseFromFutureError(from, migrations.length)
      if (from === migrations.length) return { from, to: from }
      for (const migration of migrations.slice(from)) await upOf(migration, engine)(trx)
      await sql`CREATE TABLE IF NOT EXISTS ${sql.table(PG_VERSION_TABLE)} (version integer NOT NULL)`.execute(trx)
      await sql`DELETE FROM ${sql.table(PG_VERSION_TABLE)}`.execute(trx)
      await sql`INSERT INTO ${sql.table(PG_VERSION_TABLE)} (version) VALUES (${migrations.length})`.execute(trx)
      return { from, to: migrations.length }
    })
  }
  const from = await schemaVersion(db)
  if (from > migrations.length) throw new DatabaseFromFutureError(from, migrations.length)
  if (from === migrations.length) return { from, to: from }
  await db.transaction().execute(async (trx) => {
    for (const migration of migrations.slice(from)) await upOf(migration, engine)(trx)
    // user_version lives in the database header and is rolled back with the transaction.
    await sql.raw(`PRAGMA user_version = ${migrations.length}`).execute(trx)
  })
  return { from, to: migrations.length }
}
