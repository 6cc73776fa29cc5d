import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import type { Database } from './schema'

export interface Connection {
  db: Kysely<Database>
  /** The raw handle, for the few things Kysely does not cover (pragmas, backups). */
  raw: BetterSqlite3.Database
  close: () => Promise<void>
}

/** Opens the SQLite file with the durability the hall needs: WAL, full sync, foreign keys. */
export function openConnection(file: string): Connection {
  const raw = new BetterSqlite3(file)
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = FULL')
  raw.pragma('foreign_keys = ON')
  raw.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) })
  return {
    db,
    raw,
    // Kysely's destroy closes the better-sqlite3 handle.
    close: () => db.destroy(),
  }
}
