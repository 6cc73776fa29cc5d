/**
 * The SQLite file's encryption: SQLCipher 4's format (AES-256, HMAC-SHA512 per page) through
 * SQLite3 Multiple Ciphers, with a raw 256-bit key. The key is random already (derived from the
 * hall's secret), so SQLCipher's passphrase stretching is skipped: `sqlcipher` opens the file
 * with `PRAGMA key = "x'<64 hex digits>'"`. Every page of the database, its WAL and every
 * backup is encrypted; only the first 16 bytes of the file, SQLCipher's random salt, are not.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import Sqlite from 'better-sqlite3-multiple-ciphers'

/** The raw SQLite handle (better-sqlite3's API). */
export type SqliteHandle = Sqlite.Database

export const DATABASE_KEY_BYTES = 32

/** The first 16 bytes of a plain SQLite file; an encrypted one has its random salt there. */
export const SQLITE_MAGIC = 'SQLite format 3\0'

/** The database file is encrypted and the key given does not open it (or it is not a database). */
export class DatabaseKeyError extends Error {
  constructor(readonly file: string) {
    super(`${file} cannot be opened with this hall's key (encrypted with another key, or not a database)`)
    this.name = 'DatabaseKeyError'
  }
}

/** 'new': no file or an empty one; 'plain': an unencrypted SQLite file (from before encryption); 'encrypted': anything else. */
export type FileState = 'new' | 'plain' | 'encrypted'

export function fileState(path: string): FileState {
  if (!existsSync(path) || statSync(path).size === 0) return 'new'
  const fd = openSync(path, 'r')
  try {
    const header = Buffer.alloc(SQLITE_MAGIC.length)
    const read = readSync(fd, header, 0, header.length, 0)
    return read === header.length && header.toString('latin1') === SQLITE_MAGIC ? 'plain' : 'encrypted'
  } finally {
    closeSync(fd)
  }
}

/** Sets the cipher and the key on a handle just opened, before anything is read. */
export function applyKey(raw: SqliteHandle, key: Buffer, pragma: 'key' | 'rekey' = 'key'): void {
  if (key.length !== DATABASE_KEY_BYTES) throw new Error('a database key is 32 bytes')
  raw.pragma(`cipher = 'sqlcipher'`)
  raw.pragma('legacy = 4')
  raw.pragma(`${pragma} = "x'${key.toString('hex')}'"`)
}

/**
 * Opens a SQLite file with the key: an encrypted one, or a new one (created encrypted). With
 * `key` null the file is opened as it is (a plain file from before encryption). A key that does
 * not open the file throws DatabaseKeyError.
 */
export function openSqlite(path: string, key: Buffer | null, options: Sqlite.Options = {}): SqliteHandle {
  const raw = new Sqlite(path, options)
  try {
    if (key !== null) applyKey(raw, key)
    raw.prepare('SELECT count(*) FROM sqlite_master').get()
    return raw
  } catch (error) {
    raw.close()
    if (error instanceof Sqlite.SqliteError && error.code === 'SQLITE_NOTADB') throw new DatabaseKeyError(path)
    throw error
  }
}

/**
 * Encrypts a plain SQLite file in place (SQLite3 Multiple Ciphers' rekey, in one transaction of
 * the rollback journal: a crash leaves the plain file or the encrypted one). Any WAL is folded
 * in first; the file is left in rollback-journal mode.
 */
export function encryptPlainFile(path: string, key: Buffer): void {
  const raw = new Sqlite(path, { fileMustExist: true })
  try {
    raw.pragma('journal_mode = DELETE')
    applyKey(raw, key, 'rekey')
  } finally {
    raw.close()
  }
}
