/**
 * The first start after the upgrade that brought encryption: the plain database is encrypted in
 * place, after a copy of it is set aside. The copy is then encrypted too, and kept in
 * `before-encryption/` beside the database (restorable like any backup, with the hall's key), so
 * no plaintext copy of the hall's personal data stays behind and the IT person still has the
 * state from before the upgrade. Each step is logged.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { SqliteHandle } from './cipher'
import { encryptPlainFile, fileState, openSqlite } from './cipher'

export const BEFORE_ENCRYPTION_DIR = 'before-encryption'

/** Where the copy from before encryption of `file` is kept. */
export function beforeEncryptionCopy(file: string): string {
  return join(dirname(file), BEFORE_ENCRYPTION_DIR, basename(file))
}

/** Every table's row count: what the encrypted file must still hold. */
function rowCounts(raw: SqliteHandle): Map<string, number> {
  const tables = raw
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[]
  const counts = new Map<string, number>()
  for (const table of tables) {
    // FTS5 shadow tables and the index itself count like any other table.
    counts.set(table, raw.prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`).pluck().get() as number)
  }
  return counts
}

function countsOf(file: string, key: Buffer | null): Map<string, number> {
  const raw = openSqlite(file, key, { readonly: true, fileMustExist: true })
  try {
    if (raw.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error(`${file} fails its integrity check`)
    return rowCounts(raw)
  } finally {
    raw.close()
  }
}

function sameCounts(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([table, n]) => b.get(table) === n)
}

/** Folds a WAL into the plain file and leaves it alone: the copy must be the whole database. */
function foldWal(file: string): void {
  const raw = openSqlite(file, null, { fileMustExist: true })
  try {
    raw.pragma('journal_mode = DELETE')
  } finally {
    raw.close()
  }
}

/**
 * Encrypts the plain database `file` in place with `key`: (1) its copy set aside, (2) the file
 * encrypted, (3) checked against the copy table by table, (4) the copy encrypted. On a failure
 * in (2) or (3) the plain file is put back as it was and the error thrown. A start interrupted
 * between (3) and (4) finishes (4) at the next start: call it whatever the file's state.
 */
export function encryptInPlace(file: string, key: Buffer, log: (line: string) => void): void {
  const copy = beforeEncryptionCopy(file)
  if (fileState(file) === 'plain') {
    log(`encrypting the database ${basename(file)} (1/4: a copy is set aside in ${BEFORE_ENCRYPTION_DIR}/)`)
    foldWal(file)
    mkdirSync(dirname(copy), { recursive: true, mode: 0o700 })
    chmodSync(dirname(copy), 0o700)
    for (const suffix of ['', '-journal']) rmSync(`${copy}${suffix}`, { force: true })
    copyFileSync(file, copy)
    chmodSync(copy, 0o600)
    const before = countsOf(copy, null)
    try {
      log('encrypting the database (2/4: encrypting)')
      encryptPlainFile(file, key)
      log('encrypting the database (3/4: checking every table against the copy)')
      if (!sameCounts(before, countsOf(file, key))) throw new Error('the encrypted database does not hold every row of the plain one')
    } catch (error) {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true })
      renameSync(copy, file)
      throw error
    }
  }
  if (existsSync(copy) && fileState(copy) === 'plain') {
    log('encrypting the database (4/4: encrypting the copy)')
    encryptPlainFile(copy, key)
    log(`the database is encrypted; the copy from before is in ${BEFORE_ENCRYPTION_DIR}/, encrypted with the same key`)
  }
}

/**
 * The audit rows of a plain database, written before the hall's key (keyed = 0, or from before
 * the column) and with it, read before the database is encrypted. A file without a trail yet
 * counts none.
 */
export function plainTrailRows(file: string): { plain: number; keyed: number } {
  const raw = openSqlite(file, null, { readonly: true, fileMustExist: true })
  try {
    const columns = raw.prepare(`SELECT name FROM pragma_table_info('audit_log')`).pluck().all() as string[]
    if (columns.length === 0) return { plain: 0, keyed: 0 }
    if (!columns.includes('keyed')) return { plain: raw.prepare('SELECT count(*) FROM audit_log').pluck().get() as number, keyed: 0 }
    const keyed = raw.prepare('SELECT count(*) FROM audit_log WHERE keyed = 1').pluck().get() as number
    const all = raw.prepare('SELECT count(*) FROM audit_log').pluck().get() as number
    return { plain: all - keyed, keyed }
  } finally {
    raw.close()
  }
}
