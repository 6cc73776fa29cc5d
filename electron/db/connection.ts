import type Sqlite from 'better-sqlite3-multiple-ciphers'
import type { SqliteDatabase } from 'kysely'
import { Kysely, SqliteDialect } from 'kysely'
import type { SqliteHandle } from './cipher'
import { openSqlite } from './cipher'
import type { Database } from './schema'

export type Engine = 'sqlite' | 'postgres'

export interface Connection {
  /** SQLite for a single desk (the embedded default), PostgreSQL for a hall of desks (electron/db/postgres.ts). */
  engine: Engine
  db: Kysely<Database>
  /**
   * The raw SQLite handle, for the few things Kysely does not cover (pragmas, backups). On
   * PostgreSQL any use of it throws AppError HALL_MODE_ONLY_SERVER: the desk has no file to back up.
   */
  raw: SqliteHandle
  /** The key the SQLite file is encrypted with (electron/db/cipher.ts); null for a plain file and on PostgreSQL. */
  key: Buffer | null
  /** Forgets the reused prepared statements (the bench's statement timing needs fresh ones). */
  clearStatementCache: () => void
  close: () => Promise<void>
}

/** Enough for every statement the services issue; lists of varying length may push some out. */
const STATEMENT_CACHE_SIZE = 256

/**
 * The handle Kysely runs its queries on, reusing prepared statements by SQL text. Kysely
 * prepares every query afresh; the register transaction alone issues about twenty, and
 * preparing them took longer than running them (`npm run bench`).
 */
export function cachingDatabase(
  raw: SqliteHandle,
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase & { clear: () => void } {
  const cache = new Map<string, Sqlite.Statement>()
  return {
    clear: () => cache.clear(),
    close: () => {
      cache.clear()
      raw.close()
    },
    prepare: (source) => {
      const cached = cache.get(source)
      // A statement still iterating cannot be run again: such a caller gets its own.
      if (cached !== undefined && !cached.busy) {
        // Most recently used last, so the first key is the one to evict.
        cache.delete(source)
        cache.set(source, cached)
        return cached
      }
      const statement = raw.prepare(source)
      cache.set(source, statement)
      if (cache.size > size) {
        const oldest = cache.keys().next().value
        if (oldest !== undefined) cache.delete(oldest)
      }
      return statement
    },
  }
}

/**
 * Opens the SQLite file with the durability the hall needs: WAL, full sync, foreign keys.
 * The WAL is not checkpointed by the committing statement (that made one registration in a
 * few dozen wait for a checkpoint): `createMaintenance` does it between registrations.
 * The file is encrypted with `key` (electron/db/cipher.ts), created so when it is new; null
 * opens it unencrypted (tools and tests reading a file from before encryption).
 */
export function openConnection(file: string, key: Buffer | null): Connection {
  const raw = openSqlite(file, key)
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = FULL')
  raw.pragma('foreign_keys = ON')
  raw.pragma('busy_timeout = 5000')
  raw.pragma('wal_autocheckpoint = 0')
  // A WAL grown by a large transaction (an import, a restore) is cut back when it starts afresh.
  raw.pragma('journal_size_limit = 67108864')
  // Pages are decrypted as they are read: 64 MiB of them (SQLite's default is 2 MiB) keep the
  // pages a desk reads all day in memory, the same-matter index of a million-visit hall (about
  // 55 MiB) among them, instead of decrypting them again on every search.
  raw.pragma('cache_size = -65536')
  const database = cachingDatabase(raw)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) })
  return {
    engine: 'sqlite',
    db,
    raw,
    key,
    clearStatementCache: database.clear,
    // Kysely's destroy closes the better-sqlite3 handle; the WAL is folded back first.
    close: async () => {
      if (raw.open && !raw.inTransaction) {
        try {
          raw.pragma('wal_checkpoint(TRUNCATE)')
        } catch {
          // Another process reading the file: the next open checkpoints instead.
        }
      }
      await db.destroy()
    },
  }
}

/**
 * A second, read-only handle on the desk's SQLite file: a read transaction on it sees one
 * snapshot of the hall (WAL) while the desk's own handle goes on answering, and it cannot write.
 */
export function openReadOnly(file: string, key: Buffer | null): { db: Kysely<Database>; close: () => Promise<void> } {
  const raw = openSqlite(file, key, { readonly: true, fileMustExist: true })
  raw.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) })
  return { db, close: () => db.destroy() }
}
